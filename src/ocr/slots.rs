//! Slots for Tesseract processes, so that OCR never runs more of them than the batch's `-j`.
//!
//! A slot is one core's worth of OCR. The thread that reads a document holds one slot (the
//! batch takes it before handing the document on); pages OCR'd in parallel take *extra* slots,
//! only when one is free, and give them back after each document. A batch shares its slots
//! with its worker processes as `N` lock files in a directory: holding an exclusive `flock` on
//! one is holding a slot, and a worker that is killed loses its locks with it, so no slot is
//! ever lost. Without a batch (`extract`, `text`), the slots are this process's cores.
//!
//! A document is never read differently for want of a slot: slots decide how many pages are
//! OCR'd at the same time, never which pages are OCR'd or in what order they are laid out.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Duration;

/// How long a thread waiting for a slot sleeps between tries.
const RETRY: Duration = Duration::from_millis(2);

/// A fixed number of slots, shared by threads and (as lock files) by processes.
#[derive(Debug)]
pub struct Slots {
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    /// `count` lock files `slot-0` … in `dir`, shared with worker processes.
    Files {
        dir: PathBuf,
        count: usize,
        /// The directory, when these slots made it (removed when dropped).
        _owned: Option<tempfile::TempDir>,
    },
    /// Slots of this process only: how many are free.
    Local { free: Mutex<usize> },
}

/// A slot held; given back when dropped.
#[derive(Debug)]
pub struct Slot<'a> {
    slots: &'a Slots,
    /// The locked file (lock-file slots).
    _file: Option<File>,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        // A lock file's lock goes with its file; a local slot is counted back.
        if let Kind::Local { free } = &self.slots.kind {
            *free.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        }
    }
}

impl Slots {
    /// `count` slots in a new temporary directory of lock files, for a batch and its workers
    /// ([`Slots::dir`] is what a worker opens).
    ///
    /// # Errors
    /// When the directory or its files cannot be made.
    pub fn create(count: usize) -> std::io::Result<Slots> {
        let owned = tempfile::Builder::new()
            .prefix("ita-ocr-slots-")
            .tempdir()?;
        let dir = owned.path().to_path_buf();
        for i in 0..count.max(1) {
            File::create(slot_file(&dir, i))?;
        }
        Ok(Slots {
            kind: Kind::Files {
                dir,
                count: count.max(1),
                _owned: Some(owned),
            },
        })
    }

    /// The slots a batch made in `dir` (a worker process opens its batch's).
    ///
    /// # Errors
    /// When `dir` holds no slot files.
    pub fn open(dir: &Path) -> std::io::Result<Slots> {
        let count = (0..).take_while(|&i| slot_file(dir, i).is_file()).count();
        if count == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no OCR slot files in {}", dir.display()),
            ));
        }
        Ok(Slots {
            kind: Kind::Files {
                dir: dir.to_path_buf(),
                count,
                _owned: None,
            },
        })
    }

    /// `count` slots of this process only.
    #[must_use]
    pub fn local(count: usize) -> Slots {
        Slots {
            kind: Kind::Local {
                free: Mutex::new(count),
            },
        }
    }

    /// This process's extra slots when no batch gives any: its cores but the caller's own.
    pub fn this_process() -> &'static Slots {
        static SLOTS: OnceLock<Slots> = OnceLock::new();
        SLOTS.get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(1, usize::from);
            Slots::local(cores.saturating_sub(1))
        })
    }

    /// The lock files' directory (lock-file slots only).
    #[must_use]
    pub fn dir(&self) -> Option<&Path> {
        match &self.kind {
            Kind::Files { dir, .. } => Some(dir),
            Kind::Local { .. } => None,
        }
    }

    /// How many slots there are in all (local slots: how many are free now).
    #[must_use]
    pub fn count(&self) -> usize {
        match &self.kind {
            Kind::Files { count, .. } => *count,
            Kind::Local { free } => *free.lock().unwrap_or_else(PoisonError::into_inner),
        }
    }

    /// A free slot, if there is one now.
    #[must_use]
    pub fn try_acquire(&self) -> Option<Slot<'_>> {
        match &self.kind {
            Kind::Files { dir, count, .. } => (0..*count).find_map(|i| {
                let file = OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create(true)
                    .truncate(false)
                    .open(slot_file(dir, i))
                    .ok()?;
                rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive)
                    .ok()?;
                Some(Slot {
                    slots: self,
                    _file: Some(file),
                })
            }),
            Kind::Local { free } => {
                let mut free = free.lock().unwrap_or_else(PoisonError::into_inner);
                (*free > 0).then(|| {
                    *free -= 1;
                    Slot {
                        slots: self,
                        _file: None,
                    }
                })
            }
        }
    }

    /// A slot, waiting until one is free.
    #[must_use]
    pub fn acquire(&self) -> Slot<'_> {
        loop {
            if let Some(slot) = self.try_acquire() {
                return slot;
            }
            std::thread::sleep(RETRY);
        }
    }
}

fn slot_file(dir: &Path, i: usize) -> PathBuf {
    dir.join(format!("slot-{i}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_file_slots_are_shared_and_given_back() {
        let slots = Slots::create(2).unwrap();
        let other = Slots::open(slots.dir().unwrap()).unwrap();
        assert_eq!(other.count(), 2);
        let a = slots.acquire();
        let b = other.try_acquire().expect("a second slot");
        assert!(slots.try_acquire().is_none() && other.try_acquire().is_none());
        drop(a);
        let c = other.try_acquire().expect("the first slot, given back");
        drop((b, c));
        assert!(slots.try_acquire().is_some());
        let dir = slots.dir().unwrap().to_path_buf();
        drop((slots, other));
        assert!(
            !dir.exists(),
            "the batch's directory is removed with its slots"
        );
    }

    #[test]
    fn local_slots_count_down_and_back() {
        let slots = Slots::local(1);
        let a = slots.try_acquire().expect("one slot");
        assert!(slots.try_acquire().is_none());
        drop(a);
        assert_eq!(slots.count(), 1);
        assert!(Slots::open(Path::new("/nonexistent")).is_err());
    }
}
