// Vietnamese is the newsroom's working language and the source of truth for
// the set of keys: `Strings` is derived from this object, and every other
// language must provide exactly these keys.
export const vi = {
  appName: 'Byline',
  langSwitchLabel: 'Đổi ngôn ngữ giao diện (Tiếng Việt / English)',
  langVi: 'VI',
  langEn: 'EN',

  loading: 'Đang tải…',
  libraryTitle: 'Thư viện bài viết',
  newArticle: 'Bài viết mới',
  emptyList: 'Chưa có bài viết nào.',
  untitled: '(Chưa có tiêu đề)',
  statusDraft: 'Bản nháp',
  updatedAt: 'Cập nhật lúc {time}',

  noSelection: 'Chọn một bài viết trong thư viện hoặc tạo bài viết mới.',
  loadingArticle: 'Đang tải bài viết…',
  editorLabel: 'Soạn bài',
  fieldHeadline: 'Tiêu đề',
  fieldSapo: 'Sapo',
  fieldByline: 'Tác giả',
  fieldKeywords: 'Từ khóa',
  keywordsHint: 'Phân tách bằng dấu phẩy',
  fieldCategory: 'Chuyên mục',
  fieldBody: 'Nội dung (Markdown)',

  previewTitle: 'Xem trước',
  previewEmpty: 'Bản xem trước sẽ hiện ở đây.',

  saving: 'Đang lưu…',
  saved: 'Đã lưu',
  error: 'Lỗi: {message}',

  // Placeholders: {d} {dd} {MM} {MMM} {yyyy} {HH} {mm}, in local time.
  dateTimeFormat: '{dd}/{MM}/{yyyy} {HH}:{mm}',
  monthsShort: ['Th1', 'Th2', 'Th3', 'Th4', 'Th5', 'Th6', 'Th7', 'Th8', 'Th9', 'Th10', 'Th11', 'Th12'],
};

export type Strings = typeof vi;
