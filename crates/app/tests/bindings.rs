//! The UI's generated bindings match the Rust definitions (a stale file fails here).

use std::path::Path;

#[test]
fn the_committed_bindings_are_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(eventos_app::ipc::BINDINGS_PATH);
    let generated = eventos_app::ipc::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("the ipc folder");
        std::fs::write(&path, &generated).expect("bindings written");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: run `UPDATE_BINDINGS=1 cargo test -p eventos-app --test bindings` and commit it",
        path.display()
    );
}

#[test]
fn every_command_has_a_typed_wrapper_and_errors_are_typed() {
    let ts = eventos_app::ipc::typescript();
    for command in eventos_app::ipc::commands() {
        assert!(ts.contains(&format!("call(\"{}\"", command.name)), "{}", command.name);
    }
    assert!(ts.contains("export type ErrorCode = \"invalid\" | \"duplicate\""), "{ts}");
    assert!(ts.contains("export type AppError = { code: ErrorCode, message: string,"), "{ts}");
    assert!(ts.contains("field?: string,"), "errors name their field: {ts}");
    assert!(!ts.contains("bigint"), "counts and cents are plain numbers");
}
