//! What the measuring examples (`scaling`, `fuzz`) share: the thread's CPU time, the process's
//! memory figures, which the peak can be reset for, and a writer that formats what it is given
//! and keeps nothing.

use std::io::{self, Write};

/// Makes the peak resident set size start again from what the process holds now (Linux only;
/// elsewhere the peak stays the run's).
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The peak resident set size since the last [`reset_peak`], in megabytes.
pub fn peak_mb() -> f64 {
    status_mb("VmHWM:")
}

/// The resident set size now, in megabytes.
pub fn resident_mb() -> f64 {
    status_mb("VmRSS:")
}

/// A memory figure of `/proc/self/status`, in megabytes; 0 where there is none.
fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(field))
                .and_then(|value| {
                    value
                        .trim()
                        .trim_end_matches("kB")
                        .trim()
                        .parse::<f64>()
                        .ok()
                })
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU time this thread has used, in seconds: unlike the wall clock, not stretched by the other
/// work of a shared machine.
pub fn thread_cpu_seconds() -> f64 {
    #[cfg(unix)]
    {
        let mut time = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `clock_gettime` writes one `timespec` through a pointer to a live one.
        let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time) };
        if status == 0 {
            return time.tv_sec as f64 + time.tv_nsec as f64 / 1e9;
        }
    }
    0.0
}

/// The machine's load average over 1, 5 and 15 minutes, as `/proc/loadavg` gives it.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// A writer that keeps nothing, as `io::sink` does, but formats everything written to it:
/// `io::sink` skips formatting altogether, which would leave the text views unmeasured.
pub struct Discard;

impl Write for Discard {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        std::hint::black_box(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
