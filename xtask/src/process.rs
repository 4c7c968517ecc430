//! Running commands: each step says what it does; children are killed when their guard drops
//! (also on Ctrl-C), so nothing is left running.

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub type Result<T = ()> = std::result::Result<T, String>;

/// Prints a step heading.
pub fn step(text: &str) {
    println!("==> {text}");
}

/// Runs a command to completion, inheriting output; fails with a readable message.
pub fn run(cmd: &mut Command) -> Result {
    let shown = describe(cmd);
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs a command and returns its standard output, or `None` if it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn describe(cmd: &Command) -> String {
    let mut text = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Background processes that must not outlive the task.
#[derive(Clone, Default)]
pub struct Children {
    list: Arc<Mutex<Vec<Child>>>,
}

impl Children {
    /// Kills and reaps every child.
    pub fn stop_all(&self) {
        if let Ok(mut list) = self.list.lock() {
            for child in list.iter_mut() {
                let _ = child.kill();
                let _ = child.wait();
            }
            list.clear();
        }
    }

    /// True once any child has exited on its own.
    pub fn any_exited(&self) -> bool {
        self.list
            .lock()
            .is_ok_and(|mut list| list.iter_mut().any(|c| matches!(c.try_wait(), Ok(Some(_)))))
    }
}

impl Drop for Children {
    fn drop(&mut self) {
        if Arc::strong_count(&self.list) == 1 {
            self.stop_all();
        }
    }
}

/// Installs a Ctrl-C/SIGTERM handler that stops `children` and raises the returned flag.
pub fn on_interrupt(children: &Children) -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let (set, children) = (flag.clone(), children.clone());
    let _ = ctrlc::set_handler(move || {
        set.store(true, Ordering::SeqCst);
        children.stop_all();
    });
    flag
}

/// Starts the simulator binary and returns the URL it listens on.
pub fn start_sim(children: &Children, args: &[&str]) -> Result<String> {
    use std::io::{BufRead, BufReader};
    let binary = sim_binary();
    let mut cmd = Command::new(&binary);
    cmd.args(args).stdout(Stdio::piped());
    let shown = describe(&cmd);
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start `{shown}`: {e}"))?;
    let stdout = child.stdout.take().ok_or("simulator has no stdout")?;
    let mut line = String::new();
    let _ = BufReader::new(stdout).read_line(&mut line);
    children
        .list
        .lock()
        .map_err(|_| "process list poisoned".to_string())?
        .push(child);
    line.trim()
        .strip_prefix("milvus-sim listening on ")
        .map(str::to_string)
        .ok_or_else(|| format!("the simulator did not start (`{shown}` printed {line:?})"))
}

/// The release build of the simulator.
pub fn sim_binary() -> std::path::PathBuf {
    crate::root().join("target/release/milvus-sim")
}

pub fn build_sim() -> Result {
    step("building the Milvus simulator (release)");
    run(Command::new("cargo").current_dir(crate::root()).args([
        "build",
        "--release",
        "-p",
        "milvus-sim",
    ]))
}

/// A free loopback port, chosen by the OS.
pub fn free_port() -> Result<u16> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}
