//! Tauri's build step: reads tauri.conf.json and the capabilities and writes
//! the permission manifests that `tauri::generate_context!` embeds with ui/dist.

fn main() {
    tauri_build::build()
}
