//! The navigation guard: the window shows the app and nothing else.
//!
//! Formatted entries carry links (a DOI, a URL), and an essay or a script
//! that slipped into the page could set `window.location`. Were the webview
//! to follow, the app's window would show a page from the web, with the
//! app's IPC bridge, and the person would have no way back. So every
//! navigation of every webview is decided here: the app's own origin
//! loads; an `http(s)` or `doi:` link opens in the system browser instead;
//! anything else (`file:`, `data:`, `javascript:`, custom schemes) is refused.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Manager, Runtime, Url};
use tauri_plugin_opener::OpenerExt;

use crate::test_hooks::TestHooks;

/// What happens to a navigation.
#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    /// The app's own page: let the webview load it.
    Load,
    /// An external web address: open it in the browser; the window stays.
    OpenOutside(Url),
    /// Anything else: the window stays and nothing opens.
    Refuse,
}

/// Decides a navigation to `url`. `dev_url` is the dev server's address,
/// the app's origin in `tauri dev` builds only.
pub fn decide(url: &Url, dev_url: Option<&Url>) -> Decision {
    let host = url.host_str();
    let app_origin = match url.scheme() {
        // Linux and macOS serve the app as tauri://localhost, Windows as http(s)://tauri.localhost.
        "tauri" => host == Some("localhost"),
        "http" | "https" => {
            host == Some("tauri.localhost") || dev_url.is_some_and(|dev| same_origin(url, dev))
        }
        _ => false,
    };
    if app_origin {
        return Decision::Load;
    }
    match url.scheme() {
        "http" | "https" if host.is_some_and(|h| !h.is_empty()) => {
            Decision::OpenOutside(url.clone())
        }
        "doi" => match Url::parse(&format!("https://doi.org/{}", url.path())) {
            Ok(resolver) if !url.path().is_empty() => Decision::OpenOutside(resolver),
            _ => Decision::Refuse,
        },
        _ => Decision::Refuse,
    }
}

fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// The guard as a plugin, so it covers every webview the app creates.
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|webview, url| {
            let app = webview.app_handle();
            let dev_url = if tauri::is_dev() {
                app.config().build.dev_url.clone()
            } else {
                None
            };
            match decide(url, dev_url.as_ref()) {
                Decision::Load => true,
                Decision::OpenOutside(external) => {
                    open_outside(app, &external);
                    false
                }
                Decision::Refuse => {
                    eprintln!("quire: refused to navigate the window to {url}");
                    false
                }
            }
        })
        .build()
}

/// Opens a web address in the system browser (or, under test, records it).
fn open_outside<R: Runtime>(app: &tauri::AppHandle<R>, url: &Url) {
    if app.state::<TestHooks>().record_opened(url.as_str()) {
        return;
    }
    if let Err(err) = app.opener().open_url(url.as_str(), None::<&str>) {
        eprintln!("quire: cannot open {url} in the browser: {err}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide_str(url: &str, dev: Option<&str>) -> Decision {
        let dev = dev.map(|d| Url::parse(d).unwrap());
        decide(&Url::parse(url).unwrap(), dev.as_ref())
    }

    fn outside(url: &str) -> Decision {
        Decision::OpenOutside(Url::parse(url).unwrap())
    }

    #[test]
    fn the_apps_own_pages_load() {
        assert_eq!(decide_str("tauri://localhost/", None), Decision::Load);
        assert_eq!(
            decide_str("tauri://localhost/index.html#/works", None),
            Decision::Load
        );
        assert_eq!(
            decide_str("http://tauri.localhost/#/library", None),
            Decision::Load
        );
        assert_eq!(decide_str("https://tauri.localhost/", None), Decision::Load);
    }

    #[test]
    fn the_dev_server_loads_only_in_dev_builds() {
        let dev = Some("http://localhost:5173");
        assert_eq!(
            decide_str("http://localhost:5173/#/works", dev),
            Decision::Load
        );
        assert_eq!(
            decide_str("http://localhost:5173/", None),
            outside("http://localhost:5173/")
        );
        assert_eq!(
            decide_str("http://localhost:8080/", dev),
            outside("http://localhost:8080/")
        );
    }

    #[test]
    fn web_links_open_outside() {
        let doi = "https://doi.org/10.1093/bjsw/bcv118";
        assert_eq!(decide_str(doi, None), outside(doi));
        assert_eq!(
            decide_str("http://example.org/a?b=c", None),
            outside("http://example.org/a?b=c")
        );
        assert_eq!(decide_str("doi:10.1093/bjsw/bcv118", None), outside(doi));
    }

    #[test]
    fn look_alike_origins_open_outside_not_inside() {
        for url in [
            "https://tauri.localhost.evil.example/",
            "https://localhost.example/",
            "http://localhost/",
            "http://evil.example/tauri://localhost/",
        ] {
            assert!(
                matches!(decide_str(url, None), Decision::OpenOutside(_)),
                "{url}"
            );
        }
        assert_eq!(decide_str("tauri://evil/", None), Decision::Refuse);
    }

    #[test]
    fn everything_else_is_refused() {
        for url in [
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "javascript:alert(1)",
            "about:blank",
            "blob:tauri://localhost/1234",
            "mailto:someone@example.org",
            "ftp://example.org/file",
            "doi:",
            "ipc://localhost/search",
        ] {
            assert_eq!(decide_str(url, None), Decision::Refuse, "{url}");
        }
    }
}
