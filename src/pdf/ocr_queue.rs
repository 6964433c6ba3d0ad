//! Pages OCR'd in parallel: a queue of page images and the threads that OCR them.
//!
//! The reader submits the pages it chose to OCR in page order and takes their results back in
//! page order, so what comes out never depends on which page finished first. The first thread
//! runs on the reader's own slot; more start only while pages wait and a slot is free
//! ([`crate::ocr::slots`]), and each gives its slot back when the queue is empty. A single
//! scanned report thus uses every slot its batch leaves free, and a batch of scans one
//! Tesseract per document.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, PoisonError};
use std::thread::Scope;
use std::time::Duration;

use lopdf::Document;

use super::interp::Placed;
use super::obj::Budget;
use super::scan::{self, Scanned};
use crate::ocr::slots::{Slot, Slots};
use crate::ocr::Engine;

/// Most threads OCR-ing one document's pages (slots bound them first).
const MAX_THREADS: usize = 16;

/// How often a reader waiting for a page looks for a newly freed slot.
const LOOK_FOR_SLOTS: Duration = Duration::from_millis(50);

/// One page to OCR.
struct Job {
    page: usize,
    engine: &'static Engine,
    placed: Placed,
    media: Option<[f32; 4]>,
}

/// A page's OCR result and the decoding budget it used.
pub(super) type Done = (Result<Scanned, String>, Budget);

#[derive(Default)]
struct State {
    queue: VecDeque<Job>,
    done: HashMap<usize, Done>,
    /// The thread on the reader's own slot is running.
    own: bool,
    /// Threads running on extra slots.
    extra: usize,
    /// Threads OCR-ing a page now (the others are about to take one).
    busy: usize,
}

impl State {
    /// Threads started that have not taken a page yet.
    fn waiting(&self) -> usize {
        usize::from(self.own) + self.extra - self.busy
    }
}

/// The queue shared by the reader and its OCR threads.
pub(super) struct Queue<'env> {
    doc: &'env Document,
    slots: &'env Slots,
    state: Mutex<State>,
    changed: Condvar,
}

impl<'env> Queue<'env> {
    pub(super) fn new(doc: &'env Document, slots: &'env Slots) -> Self {
        Queue {
            doc,
            slots,
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        }
    }

    /// Queues page `page`'s image for OCR.
    pub(super) fn submit<'scope>(
        &'scope self,
        scope: &'scope Scope<'scope, 'env>,
        engine: &'static Engine,
        page: usize,
        placed: Placed,
        media: Option<[f32; 4]>,
    ) {
        let mut state = self.lock();
        state.queue.push_back(Job {
            page,
            engine,
            placed,
            media,
        });
        if !state.own {
            // The reader's own slot.
            state.own = true;
            scope.spawn(move || self.work(None));
        }
        self.grow(scope, &mut state);
    }

    /// Page `page`'s result, waiting for it (it must have been submitted).
    pub(super) fn take<'scope>(
        &'scope self,
        scope: &'scope Scope<'scope, 'env>,
        page: usize,
    ) -> Done {
        let mut state = self.lock();
        loop {
            if let Some(done) = state.done.remove(&page) {
                return done;
            }
            self.grow(scope, &mut state);
            state = self
                .changed
                .wait_timeout(state, LOOK_FOR_SLOTS)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Starts a thread on each free slot while pages wait for a thread.
    fn grow<'scope>(&'scope self, scope: &'scope Scope<'scope, 'env>, state: &mut State) {
        while state.extra + 1 < MAX_THREADS && state.queue.len() > state.waiting() {
            let Some(slot) = self.slots.try_acquire() else {
                break;
            };
            state.extra += 1;
            scope.spawn(move || self.work(Some(slot)));
        }
    }

    /// A thread: OCRs queued pages until there are none; its slot is then given back.
    fn work(&self, slot: Option<Slot<'env>>) {
        loop {
            let job = {
                let mut state = self.lock();
                match state.queue.pop_front() {
                    Some(job) => {
                        state.busy += 1;
                        job
                    }
                    None => {
                        if slot.is_some() {
                            state.extra -= 1;
                        } else {
                            state.own = false;
                        }
                        drop(slot);
                        return;
                    }
                }
            };
            let mut budget = Budget::default();
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                scan::ocr(self.doc, &job.placed, job.media, &mut budget, job.engine)
            }))
            .unwrap_or_else(|_| Err("internal error while OCR-ing the page".into()));
            let mut state = self.lock();
            state.busy -= 1;
            state.done.insert(job.page, (result, budget));
            drop(state);
            self.changed.notify_all();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
