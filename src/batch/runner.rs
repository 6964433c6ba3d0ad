//! The parallel runner: rayon threads do the work, results are handed on in input order.
//!
//! A result that arrives early waits in a reorder buffer until all the results before it have
//! been handed on. The buffer is bounded: a thread may only start item `i` while
//! `i < handed_on + window`, so however slow one item is, at most `window` results are held in
//! memory, whatever the number of inputs.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};

/// Runs `work` over `items` on `jobs` threads. `arrived` sees each result as soon as it is
/// done (for progress); `ordered` then receives every result in input order. When `ordered`
/// fails, no new item is started and its first error is returned.
pub(crate) fn run_ordered<I, T, E>(
    items: &[I],
    jobs: usize,
    work: impl Fn(&I) -> T + Sync,
    mut arrived: impl FnMut(&T),
    mut ordered: impl FnMut(usize, T) -> Result<(), E>,
) -> Result<(), E>
where
    I: Sync,
    T: Send,
{
    let jobs = jobs.max(1);
    let window = jobs.saturating_mul(8).max(32);
    let gate = Gate::new(items.len(), window);
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("ita-batch-{i}"))
        .build();
    std::thread::scope(|scope| {
        let gate = &gate;
        let work = &work;
        let run = move |tx: mpsc::Sender<(usize, T)>| {
            while let Some(i) = gate.claim() {
                if tx.send((i, work(&items[i]))).is_err() {
                    break;
                }
            }
        };
        match &pool {
            Ok(pool) => {
                scope.spawn(move || pool.broadcast(|_| run(tx.clone())));
            }
            // No thread pool (threads cannot be made): run on one plain thread.
            Err(_) => {
                scope.spawn(move || run(tx));
            }
        }
        let mut pending = BTreeMap::new();
        let mut next = 0usize;
        let mut result = Ok(());
        for (i, value) in rx {
            arrived(&value);
            pending.insert(i, value);
            while let Some(value) = pending.remove(&next) {
                if result.is_ok() {
                    result = ordered(next, value);
                    if result.is_err() {
                        gate.stop();
                    }
                }
                next += 1;
                gate.handed_on(next);
            }
        }
        result
    })
}

/// Hands out item indices in order, at most `window` ahead of the results handed on.
struct Gate {
    state: Mutex<GateState>,
    moved: Condvar,
    len: usize,
    window: usize,
}

struct GateState {
    next: usize,
    handed_on: usize,
    stopped: bool,
}

impl Gate {
    fn new(len: usize, window: usize) -> Gate {
        Gate {
            state: Mutex::new(GateState {
                next: 0,
                handed_on: 0,
                stopped: false,
            }),
            moved: Condvar::new(),
            len,
            window,
        }
    }

    /// The next item to work on, waiting while the window is full; `None` when all are taken.
    fn claim(&self) -> Option<usize> {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while !s.stopped && s.next < self.len && s.next >= s.handed_on + self.window {
            s = self.moved.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
        if s.stopped || s.next >= self.len {
            return None;
        }
        s.next += 1;
        Some(s.next - 1)
    }

    fn handed_on(&self, count: usize) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .handed_on = count;
        self.moved.notify_all();
    }

    fn stop(&self) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .stopped = true;
        self.moved.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn results_come_in_input_order_with_a_bounded_buffer() {
        let items: Vec<usize> = (0..500).collect();
        let running = AtomicUsize::new(0);
        let max_ahead = AtomicUsize::new(0);
        let handed = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let r: Result<(), ()> = run_ordered(
            &items,
            3,
            |&i| {
                running.fetch_add(1, Ordering::SeqCst);
                let ahead = i.saturating_sub(handed.load(Ordering::SeqCst));
                max_ahead.fetch_max(ahead, Ordering::SeqCst);
                // Item 7 is slow: the others must wait for it at the window's edge.
                if i == 7 {
                    std::thread::sleep(Duration::from_millis(200));
                }
                i * 2
            },
            |_| {},
            |i, v| {
                assert_eq!(v, i * 2);
                seen.push(i);
                handed.store(i + 1, Ordering::SeqCst);
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(seen, items);
        assert_eq!(running.load(Ordering::SeqCst), 500);
        assert!(max_ahead.load(Ordering::SeqCst) <= 32, "{max_ahead:?}");
    }

    #[test]
    fn a_failing_consumer_stops_the_run() {
        let items: Vec<usize> = (0..10_000).collect();
        let done = AtomicUsize::new(0);
        let r = run_ordered(
            &items,
            2,
            |&i| {
                done.fetch_add(1, Ordering::SeqCst);
                i
            },
            |_| {},
            |i, _| if i == 5 { Err("full disk") } else { Ok(()) },
        );
        assert_eq!(r, Err("full disk"));
        assert!(done.load(Ordering::SeqCst) < 100);
    }
}
