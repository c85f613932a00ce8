fn main() {
    // The app's own commands get permissions generated from this list, and a
    // command is callable only where a capability grants it
    // (capabilities/main.json). Keep it in step with `commands::handler()`;
    // the IPC tests call every command through the real capabilities.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "get_article",
            "create_article",
            "update_article",
            "preview_article",
            "suggest_keywords",
            "search_articles",
            "list_page",
            "library_counts",
            "search_library",
            "suggest_people",
            "library_info",
            "add_photo",
            "choose_photos",
            "add_photo_files",
            "get_settings",
            "update_settings",
            "get_profile",
            "set_profile",
            "workflow_rules",
            "move_article",
            "check_article",
            "save_revision",
            "article_history",
            "list_revisions",
            "compare_revisions",
            "restore_revision",
            "list_comments",
            "add_comment",
            "resolve_comment",
            "export_articles",
            "cancel_export",
            "export_folder",
            "choose_export_folder",
            "import_package",
            "choose_packages",
            "import_package_file",
            "pending_merge",
            "resolve_conflict",
        ]),
    ))
    .expect("tauri build script");
}
