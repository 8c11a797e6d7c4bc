//! A headless Chromium for the tests that render resalign's HTML pages: it loads a page from a
//! file, runs its scripts, and gives back the DOM they leave, or a screenshot. Each page gets a
//! fresh profile, and a page that takes longer than two minutes is a failure.
//!
//! A test that uses it declares [`Requirement::Chromium`](crate::harness::Requirement::Chromium),
//! so that it is reported ignored where there is no Chromium.

use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Chromium starts slowly on a loaded machine; a page that takes longer than this is broken.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(120);

/// A headless Chromium, started fresh for every page.
#[derive(Clone, Debug)]
pub struct Browser {
    program: PathBuf,
}

/// Chromium (`RESALIGN_CHROMIUM`, else `chromium`, `chromium-browser` or `google-chrome` on the
/// path).
pub fn chromium() -> io::Result<Browser> {
    let names = ["chromium", "chromium-browser", "google-chrome"];
    let from_env = std::env::var_os("RESALIGN_CHROMIUM").map(PathBuf::from);
    let on_path = || {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
            .find(|candidate| candidate.is_file())
    };
    match from_env.or_else(on_path) {
        Some(program) => Ok(Browser { program }),
        None => Err(io::Error::other(
            "chromium not found (apt-get install chromium)",
        )),
    }
}

impl Browser {
    /// The DOM of `page` once it has loaded and its scripts have run.
    pub fn dump_dom(&self, page: &Path) -> io::Result<String> {
        let output = self.run(page, &["--dump-dom".to_owned()])?;
        if !output.contains("</html>") {
            return Err(io::Error::other("chromium printed no DOM"));
        }
        Ok(output)
    }

    /// A screenshot of the top of `page`, `window` wide and high (`"1400,2000"`).
    pub fn screenshot(&self, page: &Path, png: &Path, window: &str) -> io::Result<()> {
        let _ = std::fs::remove_file(png);
        self.run(
            page,
            &[
                format!("--screenshot={}", png.display()),
                format!("--window-size={window}"),
                "--hide-scrollbars".to_owned(),
            ],
        )?;
        Ok(())
    }

    /// Runs Chromium on `page` with a fresh profile and returns what it printed.
    fn run(&self, page: &Path, arguments: &[String]) -> io::Result<String> {
        let profile = Profile::new()?;
        let mut command = Command::new(&self.program);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .arg(format!("--user-data-dir={}", profile.path.display()))
            .args(arguments)
            .arg(format!("file://{}", page.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = command.spawn().map_err(|error| {
            io::Error::other(format!("cannot start {}: {error}", self.program.display()))
        })?;
        let output = wait_with_timeout(child)?;
        if !output.status.success() {
            return Err(io::Error::other(format!(
                "chromium failed: {}",
                String::from_utf8_lossy(&output.stderr)
            )));
        }
        String::from_utf8(output.stdout).map_err(io::Error::other)
    }
}

fn wait_with_timeout(mut child: Child) -> io::Result<Output> {
    let started = Instant::now();
    // Read the pipes on threads so a large DOM cannot fill a pipe and stall Chromium.
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                pipe.read_to_end(&mut bytes)?;
            }
            Ok::<_, io::Error>(bytes)
        })
    };
    let stdout = read(
        child
            .stdout
            .take()
            .map(|pipe| Box::new(pipe) as Box<dyn Read + Send>),
    );
    let stderr = read(
        child
            .stderr
            .take()
            .map(|pipe| Box::new(pipe) as Box<dyn Read + Send>),
    );
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > BROWSER_TIMEOUT {
            child.kill()?;
            child.wait()?;
            return Err(io::Error::other(format!(
                "chromium took more than {BROWSER_TIMEOUT:?}"
            )));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let join = |handle: std::thread::JoinHandle<io::Result<Vec<u8>>>| {
        handle
            .join()
            .map_err(|_| io::Error::other("reading chromium's output panicked"))?
    };
    Ok(Output {
        status,
        stdout: join(stdout)?,
        stderr: join(stderr)?,
    })
}

/// A fresh Chromium profile directory, removed afterwards.
struct Profile {
    path: PathBuf,
}

impl Profile {
    fn new() -> io::Result<Self> {
        static CREATED: AtomicUsize = AtomicUsize::new(0);
        let serial = CREATED.fetch_add(1, Ordering::Relaxed);
        let name = format!("resalign-browser-{}-{serial}", std::process::id());
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir_all(&path)?;
        Ok(Profile { path })
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        // Chromium may still be flushing its profile; a leftover temp dir is harmless.
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
