//! The core's modules form layers with no circle (docs/ARCHITECTURE.md,
//! Invariants). This reads `src/` with `syn`, computes which file names
//! which (`use` items, `crate::`, `super::` and `self::` paths, paths through
//! a child module or an imported name, and the same inside macro calls), and
//! checks two things:
//!
//! - no circle: no file reaches itself through the files it names;
//! - the layers: a module names only modules of its own layer or below.
//!
//! What counts as naming: the file that uses a name depends on the file that
//! defines it. A `pub use` re-export passes a name through and is not itself
//! a dependency (so `store/mod.rs` re-exporting `store/articles.rs`'s types
//! while `articles.rs` implements `super::Store` is no circle), and neither is
//! declaring a child module. `#[cfg(test)]` code is left out: a unit test may
//! set itself up with any layer. Doc comments are not code and do not count.
//!
//! `cargo test -p byline-core --test core layers -- --nocapture` prints the
//! graph's figures: files, edges, and the files in import circles. With
//! `LAYERS_SRC=DIR` the same checks read another tree's `src/` (an older
//! commit's, to compare).

use std::{
    collections::{BTreeMap, BTreeSet, HashMap},
    path::{Path, PathBuf},
};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};

/// The layers, lowest first. A module may name modules of its own layer and
/// of the layers below, never one above; within a layer, the no-circle check
/// keeps the order. `lib` is the crate root.
const LAYERS: &[(&str, &[&str])] = &[
    ("errors", &["error", "messages"]),
    ("text", &["text", "search_text", "bounded_file"]),
    (
        "model",
        &["article", "anchor", "photo", "package", "settings"],
    ),
    (
        "rules",
        &["render", "checklist", "revision", "merge", "workflow"],
    ),
    ("store", &["store"]),
    ("exchange", &["import", "export", "samples"]),
    ("tools", &["synthetic"]),
    ("root", &["lib"]),
];

/// Invariants stated as absences, each checked by name (the layers imply
/// them; these are the ones a reader looks for): these modules never name
/// those (`*`: any other).
const ABSENCES: &[(&[&str], &[&str], &str)] = &[
    (&["error"], &["*"], "`error.rs` names no other module"),
    (
        &["render", "checklist", "merge", "revision"],
        &["store", "import", "export"],
        "render, checklist, merge and revision never name the store, import or export",
    ),
    (
        &["store"],
        &["import", "export", "samples", "synthetic"],
        "the store never names import, export, the samples or the synthetic library",
    ),
];

/// Edges that exist today and are on their way out. Each is left out of both
/// checks; each names the change that removes it.
const ALLOWED: &[(&str, &str, &str)] = &[];

#[test]
fn the_core_has_no_import_circle() {
    let graph = Graph::of_crate();
    let circles = graph.circles(true);
    println!(
        "{} files, {} edges; in import circles: {} files ({} leaving out the allowed edges)",
        graph.files.len(),
        graph.edges.len(),
        graph
            .circles(false)
            .iter()
            .map(BTreeSet::len)
            .sum::<usize>(),
        circles.iter().map(BTreeSet::len).sum::<usize>(),
    );
    for circle in graph.circles(false) {
        println!("circle of {}: {circle:?}", circle.len());
    }
    let report: Vec<String> = circles
        .iter()
        .map(|circle| {
            let inside: Vec<String> = graph
                .edges
                .iter()
                .filter(|((from, to), _)| circle.contains(from) && circle.contains(to))
                .filter(|((from, to), _)| !allowed(from, to))
                .map(|((from, to), why)| format!("  {from} -> {to} ({why})"))
                .collect();
            format!(
                "{} files in a circle: {}\n{}",
                circle.len(),
                circle.iter().cloned().collect::<Vec<_>>().join(", "),
                inside.join("\n")
            )
        })
        .collect();
    assert!(report.is_empty(), "{}", report.join("\n\n"));
}

#[test]
fn each_module_names_only_its_own_layer_and_below() {
    let graph = Graph::of_crate();
    let layer_of = |module: &str| {
        LAYERS
            .iter()
            .position(|(_, modules)| modules.contains(&module))
    };
    let mut wrong = Vec::new();
    // Every module is in a layer, and every layer's module exists.
    let modules: BTreeSet<&str> = graph.files.iter().map(|f| top_module(f)).collect();
    for module in &modules {
        if layer_of(module).is_none() {
            wrong.push(format!(
                "module `{module}` is in no layer: add it to LAYERS"
            ));
        }
    }
    for (_, names) in LAYERS {
        for name in *names {
            if !modules.contains(name) {
                wrong.push(format!(
                    "LAYERS names `{name}`, which is no module of the crate"
                ));
            }
        }
    }
    for ((from, to), why) in &graph.edges {
        if allowed(from, to) {
            continue;
        }
        let (a, b) = (top_module(from), top_module(to));
        if a == b {
            continue;
        }
        let (Some(la), Some(lb)) = (layer_of(a), layer_of(b)) else {
            continue;
        };
        if lb > la {
            wrong.push(format!(
                "{from} ({} layer) names {to} ({} layer): {why}",
                LAYERS[la].0, LAYERS[lb].0
            ));
        }
        for (modules, never, rule) in ABSENCES {
            if modules.contains(&a) && (never.contains(&"*") || never.contains(&b)) {
                wrong.push(format!("{rule}, but {from} names {to}: {why}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The check itself: a circle planted in a copy of a small crate is found,
/// and a re-export is not taken for a dependency.
#[test]
fn the_layer_check_finds_a_circle_and_passes_a_re_export() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("lib.rs", "pub mod a; pub mod b; pub mod c;");
    write("a.rs", "pub struct A;");
    write(
        "b.rs",
        "mod inner; pub use inner::B; pub fn g() { format!(\"{}\", crate::c::h()); }",
    );
    write("b/inner.rs", "pub struct B(pub super::super::a::A);");
    write("c.rs", "use super::b::B; pub fn h() -> u8 { let _ = B; 1 }");
    let graph = Graph::of(dir.path());
    let edges: Vec<String> = graph
        .edges
        .keys()
        .map(|(from, to)| format!("{from}->{to}"))
        .collect();
    // c names `b::B`, defined in b/inner.rs; b only re-exports it.
    assert_eq!(
        edges,
        ["b.rs->c.rs", "b/inner.rs->a.rs", "c.rs->b/inner.rs"]
    );
    assert_eq!(graph.circles(false), Vec::<BTreeSet<String>>::new());

    write("b/inner.rs", "pub struct B; pub fn i() { crate::a::f() }");
    write("a.rs", "pub fn f() { crate::c::h(); }");
    let graph = Graph::of(dir.path());
    let circle: BTreeSet<String> = ["a.rs", "b/inner.rs", "c.rs"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(graph.circles(false), vec![circle]);
}

fn allowed(from: &str, to: &str) -> bool {
    ALLOWED.iter().any(|(f, t, _)| *f == from && *t == to)
}

/// `store/articles.rs` → `store`; `lib.rs` → `lib`.
fn top_module(file: &str) -> &str {
    let first = file.split('/').next().unwrap_or(file);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// Which file names which: files relative to `src/`, each edge with one
/// path that makes it, for the message.
struct Graph {
    files: BTreeSet<String>,
    edges: BTreeMap<(String, String), String>,
}

impl Graph {
    fn of_crate() -> Graph {
        match std::env::var_os("LAYERS_SRC") {
            Some(src) => Graph::of(Path::new(&src)),
            None => Graph::of(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src")),
        }
    }

    fn of(src: &Path) -> Graph {
        let modules = Modules::read(src);
        let mut edges = BTreeMap::new();
        for (id, module) in modules.list.iter().enumerate() {
            for (path, why) in &module.names {
                let Some(target) = modules.resolve(id, path) else {
                    continue;
                };
                let to = &modules.list[target.module()].file;
                if *to != module.file {
                    edges
                        .entry((module.file.clone(), to.clone()))
                        .or_insert_with(|| why.clone());
                }
            }
        }
        Graph {
            files: modules.list.iter().map(|m| m.file.clone()).collect(),
            edges,
        }
    }

    /// The files that reach each other, in groups of two or more.
    fn circles(&self, leave_out_allowed: bool) -> Vec<BTreeSet<String>> {
        let mut next: HashMap<&str, Vec<&str>> = HashMap::new();
        for (from, to) in self.edges.keys() {
            if !(leave_out_allowed && allowed(from, to)) {
                next.entry(from).or_default().push(to);
            }
        }
        let reach = |start: &str| {
            let mut seen = BTreeSet::new();
            let mut todo = vec![start];
            while let Some(f) = todo.pop() {
                for &t in next.get(f).into_iter().flatten() {
                    if seen.insert(t) {
                        todo.push(t);
                    }
                }
            }
            seen
        };
        let reaches: HashMap<&str, BTreeSet<&str>> =
            self.files.iter().map(|f| (f.as_str(), reach(f))).collect();
        let mut circles: Vec<BTreeSet<String>> = Vec::new();
        for f in &self.files {
            if circles.iter().any(|c| c.contains(f)) || !reaches[f.as_str()].contains(f.as_str()) {
                continue;
            }
            circles.push(
                reaches[f.as_str()]
                    .iter()
                    .filter(|g| reaches[**g].contains(f.as_str()))
                    .map(|g| g.to_string())
                    .collect(),
            );
        }
        circles.retain(|c| c.len() > 1);
        circles
    }
}

/// Where a path ends: in a module, or at an item a module defines.
#[derive(Clone, Copy, Debug)]
enum Target {
    Module(usize),
    Item(usize),
}

impl Target {
    fn module(self) -> usize {
        match self {
            Target::Module(m) | Target::Item(m) => m,
        }
    }
}

/// One module (a file, or an inline `mod x { … }` in one).
#[derive(Default)]
struct Module {
    file: String,
    parent: Option<usize>,
    children: HashMap<String, usize>,
    /// Items defined here (types, functions, constants, traits…).
    items: BTreeSet<String>,
    /// Names imported by `use`: name → the path it stands for.
    imports: HashMap<String, Vec<String>>,
    globs: Vec<Vec<String>>,
    /// Every path the module's code names, with a readable form of it.
    names: Vec<(Vec<String>, String)>,
}

struct Modules {
    list: Vec<Module>,
    /// `#[macro_export]` macros: named at the crate root (`crate::msg`), but
    /// they belong to the module that defines them.
    exported_macros: HashMap<String, usize>,
}

impl Modules {
    fn read(src: &Path) -> Modules {
        let mut modules = Modules {
            list: Vec::new(),
            exported_macros: HashMap::new(),
        };
        modules.add_file(src, &src.join("lib.rs"), None, None);
        modules
    }

    /// Reads `path` as a module, child of `parent` (as `name`), and every
    /// module it declares.
    fn add_file(&mut self, src: &Path, path: &Path, parent: Option<usize>, name: Option<&str>) {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let relative = path
            .strip_prefix(src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // A module's children live in the folder named after it (`photo.rs`
        // → `photo/`), or beside `lib.rs` and `mod.rs`.
        let stem = path.file_stem().unwrap().to_string_lossy();
        let dir: PathBuf = if stem == "lib" || stem == "mod" {
            path.parent().unwrap().to_owned()
        } else {
            path.with_extension("")
        };
        let id = self.add(relative, parent, name);
        self.add_items(src, &dir, id, &file.items);
    }

    fn add(&mut self, file: String, parent: Option<usize>, name: Option<&str>) -> usize {
        let id = self.list.len();
        self.list.push(Module {
            file,
            parent,
            ..Module::default()
        });
        if let (Some(p), Some(name)) = (parent, name) {
            self.list[p].children.insert(name.to_owned(), id);
        }
        id
    }

    fn add_items(&mut self, src: &Path, dir: &Path, id: usize, items: &[syn::Item]) {
        for item in items {
            if is_test_only(item) {
                continue;
            }
            match item {
                syn::Item::Mod(m) => {
                    let name = m.ident.to_string();
                    match &m.content {
                        Some((_, inner)) => {
                            let file = self.list[id].file.clone();
                            let child = self.add(file, Some(id), Some(&name));
                            self.add_items(src, &dir.join(&name), child, inner);
                        }
                        None => {
                            let flat = dir.join(format!("{name}.rs"));
                            let path = if flat.exists() {
                                flat
                            } else {
                                dir.join(&name).join("mod.rs")
                            };
                            self.add_file(src, &path, Some(id), Some(&name));
                        }
                    }
                }
                syn::Item::Use(u) => {
                    let re_export = !matches!(u.vis, syn::Visibility::Inherited);
                    let mut leaves = Vec::new();
                    use_leaves(&u.tree, &mut Vec::new(), &mut leaves);
                    let module = &mut self.list[id];
                    for (name, path) in leaves {
                        if !re_export {
                            module
                                .names
                                .push((path.clone(), format!("use {}", path.join("::"))));
                        }
                        match name {
                            Some(name) => {
                                module.imports.insert(name, path);
                            }
                            None => module.globs.push(path),
                        }
                    }
                }
                syn::Item::Macro(m)
                    if m.attrs.iter().any(|a| a.path().is_ident("macro_export")) =>
                {
                    if let Some(ident) = &m.ident {
                        self.exported_macros.insert(ident.to_string(), id);
                    }
                    let mut paths = Paths::default();
                    paths.visit_item(item);
                    self.list[id].names.extend(paths.found);
                }
                other => {
                    if let Some(name) = item_name(other) {
                        self.list[id].items.insert(name);
                    }
                    let mut paths = Paths::default();
                    paths.visit_item(other);
                    self.list[id].names.extend(paths.found);
                }
            }
        }
    }

    /// The module, or the module defining the item, that `path` names from
    /// module `from`; `None` for a path out of the crate (std, a dependency,
    /// a local variable).
    fn resolve(&self, from: usize, path: &[String]) -> Option<Target> {
        self.resolve_depth(from, path, 0)
    }

    fn resolve_depth(&self, from: usize, path: &[String], depth: usize) -> Option<Target> {
        if depth > 16 {
            return None;
        }
        let (first, rest) = path.split_first()?;
        match first.as_str() {
            "crate" => self.walk(0, rest, depth),
            "super" => self.walk(self.list[from].parent?, rest, depth),
            "self" => self.walk(from, rest, depth),
            name => {
                // Only a name in scope here is this crate's; anything else
                // (std, chrono, a variable) is not.
                let m = &self.list[from];
                let known = m.children.contains_key(name)
                    || m.items.contains(name)
                    || m.imports.contains_key(name)
                    || self.in_globs(from, name, depth).is_some();
                if known {
                    self.walk(from, path, depth)
                } else {
                    None
                }
            }
        }
    }

    fn in_globs(&self, module: usize, name: &str, depth: usize) -> Option<Target> {
        self.list[module].globs.iter().find_map(|glob| {
            let Some(Target::Module(m)) = self.resolve_depth(module, glob, depth + 1) else {
                return None;
            };
            let there = &self.list[m];
            (there.children.contains_key(name)
                || there.items.contains(name)
                || there.imports.contains_key(name))
            .then(|| self.walk(m, &[name.to_owned()], depth + 1))
            .flatten()
        })
    }

    /// Follows `rest` down from module `at`.
    fn walk(&self, at: usize, rest: &[String], depth: usize) -> Option<Target> {
        let Some((name, after)) = rest.split_first() else {
            return Some(Target::Module(at));
        };
        let m = &self.list[at];
        match name.as_str() {
            "super" => return self.walk(m.parent?, after, depth),
            "self" => return self.walk(at, after, depth),
            _ => {}
        }
        if let Some(&child) = m.children.get(name) {
            return self.walk(child, after, depth);
        }
        if m.items.contains(name) {
            return Some(Target::Item(at));
        }
        if let Some(import) = m.imports.get(name) {
            return match self.resolve_depth(at, import, depth + 1) {
                Some(Target::Module(t)) => self.walk(t, after, depth + 1),
                Some(item) => Some(item),
                // An import from outside the crate (`use std::fs`): nothing here.
                None => None,
            };
        }
        if let Some(found) = self.in_globs(at, name, depth) {
            return match found {
                Target::Module(t) => self.walk(t, after, depth + 1),
                item => Some(item),
            };
        }
        if at == 0
            && let Some(&defined) = self.exported_macros.get(name)
        {
            return Some(Target::Item(defined));
        }
        // Something the crate makes that is not written as an item here
        // (a derive's output): it belongs to this module.
        Some(Target::Item(at))
    }
}

/// Every imported leaf of a `use` tree: (the name it brings, the full path);
/// a glob brings no name.
fn use_leaves(
    tree: &syn::UseTree,
    prefix: &mut Vec<String>,
    out: &mut Vec<(Option<String>, Vec<String>)>,
) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_leaves(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let name = n.ident.to_string();
            if name == "self" {
                out.push((prefix.last().cloned(), prefix.clone()));
            } else {
                let mut path = prefix.clone();
                path.push(name.clone());
                out.push((Some(name), path));
            }
        }
        syn::UseTree::Rename(r) => {
            let mut path = prefix.clone();
            if r.ident != "self" {
                path.push(r.ident.to_string());
            }
            out.push((Some(r.rename.to_string()), path));
        }
        syn::UseTree::Glob(_) => out.push((None, prefix.clone())),
        syn::UseTree::Group(g) => {
            for tree in &g.items {
                use_leaves(tree, prefix, out);
            }
        }
    }
}

fn item_name(item: &syn::Item) -> Option<String> {
    Some(
        match item {
            syn::Item::Const(i) => &i.ident,
            syn::Item::Enum(i) => &i.ident,
            syn::Item::Fn(i) => &i.sig.ident,
            syn::Item::Static(i) => &i.ident,
            syn::Item::Struct(i) => &i.ident,
            syn::Item::Trait(i) => &i.ident,
            syn::Item::Type(i) => &i.ident,
            syn::Item::Union(i) => &i.ident,
            _ => return None,
        }
        .to_string(),
    )
}

/// `#[cfg(test)]`, alone or in an `all(…)`.
fn is_test_only(item: &syn::Item) -> bool {
    let attrs = match item {
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        _ => return false,
    };
    has_cfg_test(attrs)
}

fn has_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.meta.require_list().is_ok_and(|l| {
                let tokens = l.tokens.to_string();
                tokens == "test" || (tokens.starts_with("all") && tokens.contains("test"))
            })
    })
}

/// The paths an item's code names: every path of two segments or more, or
/// one that starts with `crate`, `super` or `self`, and the same read from
/// the tokens of macro calls (`format!("{}", crate::x::y())`). Single names
/// come from a `use`, which counts already.
#[derive(Default)]
struct Paths {
    found: Vec<(Vec<String>, String)>,
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        if p.leading_colon.is_none() && p.segments.len() > 1 {
            let path: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
            let shown = path.join("::");
            self.found.push((path, shown));
        }
        visit::visit_path(self, p);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !has_cfg_test(&f.attrs) {
            visit::visit_impl_item_fn(self, f);
        }
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        macro_paths(m.tokens.clone(), &mut self.found);
        visit::visit_macro(self, m);
    }

    fn visit_item(&mut self, i: &'ast syn::Item) {
        // Inner `use` items and modules in a function body are read as paths.
        if let syn::Item::Use(u) = i {
            let mut leaves = Vec::new();
            use_leaves(&u.tree, &mut Vec::new(), &mut leaves);
            for (_, path) in leaves {
                let shown = format!("use {}", path.join("::"));
                self.found.push((path, shown));
            }
            return;
        }
        if !is_test_only(i) {
            visit::visit_item(self, i);
        }
    }
}

/// `a::b::c` sequences in a macro's tokens that start with `crate`, `super`
/// or `self`.
fn macro_paths(tokens: TokenStream, out: &mut Vec<(Vec<String>, String)>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            TokenTree::Group(g) => macro_paths(g.stream(), out),
            TokenTree::Ident(id)
                if ["crate", "super", "self"].contains(&id.to_string().as_str()) =>
            {
                let mut path = vec![id.to_string()];
                let mut j = i + 1;
                while let (
                    Some(TokenTree::Punct(a)),
                    Some(TokenTree::Punct(b)),
                    Some(TokenTree::Ident(next)),
                ) = (tokens.get(j), tokens.get(j + 1), tokens.get(j + 2))
                {
                    if a.as_char() != ':' || b.as_char() != ':' {
                        break;
                    }
                    path.push(next.to_string());
                    j += 3;
                }
                if path.len() > 1 {
                    let shown = format!("{} in a macro", path.join("::"));
                    out.push((path, shown));
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}
