//! A thread that starts at once, on another CPU than the one spawning it:
//! for bcrypt, which runs while the command opens the registry and judges
//! the password.
//!
//! Left to Linux's scheduler, a new thread is often queued on its creator's
//! CPU and runs only once the creator blocks or is preempted, a few
//! milliseconds later, while another CPU idles (measured on a 2-CPU machine:
//! 1.4–3.1 ms in 4 spawns out of 8, against 0.1–0.2 ms in all 8 when the
//! thread was pinned); or it runs at once in its creator's place, which
//! then waits as long (0.9 ms, the median of a `create` reading its
//! password, against 0.13 ms). So the thread is held to the process's other
//! CPUs, by its creator and by itself as soon as it runs, while its creator
//! works, and freed ([`Beside::join`]) when the creator starts waiting for
//! it, after which its own CPU is free too.

use std::os::unix::thread::JoinHandleExt;
use std::thread::JoinHandle;

/// A thread spawned by [`spawn`].
#[derive(Debug)]
pub(super) struct Beside<T> {
    thread: JoinHandle<T>,
    /// The CPUs the process may use, to give the thread back when joining:
    /// `None` when there was no other CPU to hold it to.
    allowed: Option<Cpus>,
}

/// Runs `work` on a new thread, held to the CPUs of the process other than
/// the current one, when there are any (else it runs where it is put).
pub(super) fn spawn<T, F>(work: F) -> Beside<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let allowed = Cpus::allowed();
    let others = allowed.and_then(|allowed| allowed.without_current());
    // Held twice: Linux may queue the new thread behind this one, which
    // then moves it; or run it at once in this one's place, and it moves
    // itself first.
    let thread = std::thread::spawn(move || {
        if let Some(others) = others {
            others.hold_current();
        }
        work()
    });
    if let Some(others) = others {
        others.hold(&thread);
    }
    Beside {
        thread,
        allowed: others.and(allowed),
    }
}

impl<T> Beside<T> {
    /// Frees the thread to run on any of the process's CPUs (the caller's
    /// among them, which it is about to leave idle), then waits for it.
    pub(super) fn join(self) -> std::thread::Result<T> {
        if let Some(allowed) = &self.allowed {
            allowed.hold(&self.thread);
        }
        self.thread.join()
    }
}

/// A set of CPUs, as the kernel's affinity calls take it.
#[derive(Clone, Copy)]
struct Cpus(libc::cpu_set_t);

impl std::fmt::Debug for Cpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // SAFETY: CPU_COUNT reads only the set.
        let count = unsafe { libc::CPU_COUNT(&self.0) };
        write!(f, "Cpus({count})")
    }
}

impl Cpus {
    /// The CPUs the calling thread may run on (the process's, unless
    /// someone narrowed the thread's own).
    fn allowed() -> Option<Cpus> {
        // SAFETY: an all-zero cpu_set_t is an empty set; sched_getaffinity
        // writes at most `size_of::<cpu_set_t>()` bytes into it.
        unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            let rc = libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set);
            (rc == 0).then_some(Cpus(set))
        }
    }

    /// This set without the CPU the calling thread runs on, unless that
    /// leaves nothing (one CPU) or the CPU is unknown.
    fn without_current(&self) -> Option<Cpus> {
        // SAFETY: sched_getcpu has no arguments; the CPU_* macros touch
        // only the set, and CPU_CLR ignores a CPU beyond its size.
        unsafe {
            let current = usize::try_from(libc::sched_getcpu()).ok()?;
            let mut others = self.0;
            libc::CPU_CLR(current, &mut others);
            (libc::CPU_COUNT(&others) > 0).then_some(Cpus(others))
        }
    }

    /// Holds the calling thread to these CPUs; false if the kernel refused.
    fn hold_current(&self) -> bool {
        // SAFETY: pid 0 is the calling thread; the set is read, not written.
        let rc =
            unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &self.0) };
        rc == 0
    }

    /// Holds `thread` to these CPUs; false if the kernel refused.
    fn hold<T>(&self, thread: &JoinHandle<T>) -> bool {
        // SAFETY: the thread is not joined yet (its handle is borrowed), so
        // its pthread_t is valid; the set is read, not written.
        let rc = unsafe {
            libc::pthread_setaffinity_np(
                thread.as_pthread_t(),
                std::mem::size_of::<libc::cpu_set_t>(),
                &self.0,
            )
        };
        rc == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thread_runs_and_gives_its_result() {
        let beside = spawn(|| 6 * 7);
        assert_eq!(beside.join().unwrap(), 42);
    }

    #[test]
    fn the_thread_is_held_to_the_other_cpus_until_joined() {
        let count = |cpus: Cpus| {
            // SAFETY: CPU_COUNT reads only the set.
            unsafe { libc::CPU_COUNT(&cpus.0) }
        };
        let all = count(Cpus::allowed().unwrap());
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let (tell, told) = std::sync::mpsc::channel();
        // Asked once `spawn` has returned (so after the thread was held), and
        // answered before `join` frees it.
        let beside = spawn(move || {
            wait.recv().unwrap();
            tell.send(count(Cpus::allowed().unwrap())).unwrap();
        });
        go.send(()).unwrap();
        let seen = told.recv().unwrap();
        if all > 1 {
            assert_eq!(seen, all - 1, "held to the other CPUs");
            assert!(beside.allowed.is_some());
        } else {
            // One CPU: nothing to hold the thread to, so it is left alone.
            assert_eq!(seen, 1);
            assert!(beside.allowed.is_none());
        }
        beside.join().unwrap();
    }
}
