//! citeproc-js, the reference CSL processor, running inside an embedded
//! QuickJS on one worker thread.
//!
//! Why a JavaScript engine: citeproc-js is the processor Zotero and Mendeley
//! use, so students' reference lists must match it to the character. Running
//! it gives its behaviour for every style users may add, where a Rust
//! processor would have to chase it (ARCHITECTURE.md has the figures behind
//! the choice).
//!
//! Why one thread: a QuickJS runtime is single-threaded and building an
//! engine for a large style (APA, Chicago) costs seconds, so built engines
//! are kept in one runtime that every caller shares through a channel.
//! A runaway or crashing job is stopped by a deadline or a memory limit and
//! reported as [`Error::Render`]; a runtime left unusable is replaced.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use rquickjs::{Context, Function, Runtime};

use crate::locales;
use crate::{Error, Result};

const CITEPROC_JS: &str = include_str!("../js/citeproc.js");
const HOST_JS: &str = include_str!("../js/host.js");

/// Engines kept built at once; each large style holds tens of megabytes.
const MAX_ENGINES: usize = 8;
/// The runtime's heap; beyond it a job fails instead of the process.
const MEMORY_LIMIT: usize = 1536 << 20;
/// Time to build one engine, and to run one job of `n` works.
const LOAD_DEADLINE: Duration = Duration::from_secs(120);
fn run_deadline(works: usize) -> Duration {
    Duration::from_secs(60) + Duration::from_millis(200) * works as u32
}

/// What a job needs of a style: its XML, the locale it is forced to (if
/// any) and a key naming that pair.
#[derive(Debug, Clone)]
pub(crate) struct EngineSpec {
    pub key: u64,
    pub xml: Arc<str>,
    pub lang: Option<String>,
}

/// citeproc-js's answer to one request (see `js/host.js`).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(crate) struct Output {
    /// One HTML string per cluster, in request order.
    pub citations: Vec<String>,
    /// Bibliography entries as citeproc-js's HTML, in the style's order.
    pub entries: Vec<String>,
    /// The request index of the item behind each entry.
    pub order: Vec<usize>,
    pub error: Option<String>,
}

#[derive(serde::Deserialize)]
struct Loaded {
    #[serde(default)]
    error: Option<String>,
}

enum Job {
    /// Build the engine if it is not built yet.
    Load(EngineSpec),
    Run {
        spec: EngineSpec,
        request: String,
        works: usize,
    },
}

type Reply = std::result::Result<String, String>;

struct Worker {
    jobs: Sender<(Job, Sender<Reply>)>,
}

/// Builds `spec`'s engine now (the first job of a large style is slow), so
/// a later format call finds it ready.
pub(crate) fn load(spec: &EngineSpec) -> Result<()> {
    submit(Job::Load(spec.clone())).map(|_| ())
}

/// Formats `request` (JSON: `{items, clusters}`) with `spec`'s engine.
pub(crate) fn run(spec: &EngineSpec, request: String, works: usize) -> Result<Output> {
    let json = submit(Job::Run {
        spec: spec.clone(),
        request,
        works,
    })?;
    let out: Output = serde_json::from_str(&json)
        .map_err(|e| Error::Render(format!("unreadable processor output: {e}")))?;
    match out.error {
        Some(message) => Err(Error::Render(message)),
        None => Ok(out),
    }
}

fn submit(job: Job) -> Result<String> {
    static WORKER: OnceLock<Mutex<Worker>> = OnceLock::new();
    let worker = WORKER.get_or_init(|| Mutex::new(Worker::spawn()));
    let (reply, answer) = channel();
    let sent = {
        let mut w = worker.lock().unwrap_or_else(|p| p.into_inner());
        match w.jobs.send((job, reply)) {
            Ok(()) => Ok(()),
            Err(failed) => {
                // The thread died (it should not): start another and retry once.
                *w = Worker::spawn();
                w.jobs.send(failed.0)
            }
        }
    };
    sent.map_err(|_| Error::Render("the citation processor is not running".into()))?;
    match answer.recv() {
        Ok(Ok(s)) => Ok(s),
        Ok(Err(message)) => Err(Error::Render(message)),
        Err(_) => Err(Error::Render("the citation processor stopped".into())),
    }
}

impl Worker {
    fn spawn() -> Worker {
        let (jobs, inbox) = channel::<(Job, Sender<Reply>)>();
        std::thread::Builder::new()
            .name("citeproc".into())
            // QuickJS recurses on the native stack for deep styles and data.
            .stack_size(64 << 20)
            .spawn(move || {
                let mut js: Option<Js> = None;
                for (job, reply) in inbox {
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let js = match js.as_mut() {
                            Some(js) => js,
                            None => js.insert(Js::new()?),
                        };
                        js.handle(job)
                    }));
                    let result = match result {
                        Ok(Ok(s)) => Ok(s),
                        Ok(Err(Failure::Job(m))) => Err(m),
                        Ok(Err(Failure::Runtime(m))) => {
                            js = None;
                            Err(m)
                        }
                        Err(_) => {
                            js = None;
                            Err("the citation processor crashed on this input".into())
                        }
                    };
                    let _ = reply.send(result);
                }
            })
            .expect("spawn the citeproc thread");
        Worker { jobs }
    }
}

enum Failure {
    /// This job failed; the runtime is fine.
    Job(String),
    /// The runtime may be left inconsistent (interrupted, out of memory).
    Runtime(String),
}

struct Js {
    runtime: Runtime,
    context: Context,
    deadline: Arc<AtomicU64>,
    started: Instant,
    /// Built engines and when each was last used, for eviction.
    engines: HashMap<u64, u64>,
    uses: u64,
}

impl Js {
    fn new() -> std::result::Result<Js, Failure> {
        let fail = |e: rquickjs::Error| Failure::Runtime(format!("cannot start QuickJS: {e}"));
        let runtime = Runtime::new().map_err(fail)?;
        runtime.set_memory_limit(MEMORY_LIMIT);
        runtime.set_max_stack_size(48 << 20);
        // citeproc-js allocates a great deal of short-lived garbage; the
        // default 256 KiB threshold spends most of the time collecting.
        runtime.set_gc_threshold(64 << 20);
        let started = Instant::now();
        let deadline = Arc::new(AtomicU64::new(u64::MAX));
        let seen = Arc::clone(&deadline);
        runtime.set_interrupt_handler(Some(Box::new(move || {
            started.elapsed().as_millis() as u64 > seen.load(Ordering::Relaxed)
        })));
        let context = Context::full(&runtime).map_err(fail)?;
        context.with(|ctx| -> std::result::Result<(), Failure> {
            let locale = Function::new(ctx.clone(), |lang: String| {
                locales::xml(&lang).map(str::to_string)
            })
            .map_err(fail)?;
            ctx.globals().set("__quireLocale", locale).map_err(fail)?;
            let source = format!(
                "(function () {{ var module = {{ exports: {{}} }}; var exports = module.exports;\n{CITEPROC_JS}\n;globalThis.CSL = module.exports; }})();\n{HOST_JS}"
            );
            ctx.eval::<(), _>(source).map_err(|e| {
                let detail = ctx.catch();
                Failure::Runtime(format!("cannot load citeproc-js: {e} {detail:?}"))
            })
        })?;
        Ok(Js {
            runtime,
            context,
            deadline,
            started,
            engines: HashMap::new(),
            uses: 0,
        })
    }

    fn handle(&mut self, job: Job) -> std::result::Result<String, Failure> {
        match job {
            Job::Load(spec) => self.ensure(&spec).map(|_| "{}".into()),
            Job::Run {
                spec,
                request,
                works,
            } => {
                self.ensure(&spec)?;
                self.call(
                    "quireRun",
                    (spec.key.to_string(), request),
                    run_deadline(works),
                )
            }
        }
    }

    /// Builds `spec`'s engine unless it is built, evicting the least
    /// recently used one beyond [`MAX_ENGINES`].
    fn ensure(&mut self, spec: &EngineSpec) -> std::result::Result<(), Failure> {
        self.uses += 1;
        if let Some(used) = self.engines.get_mut(&spec.key) {
            *used = self.uses;
            return Ok(());
        }
        let answer = self.call(
            "quireLoad",
            (
                spec.key.to_string(),
                spec.xml.to_string(),
                spec.lang.clone().unwrap_or_default(),
            ),
            LOAD_DEADLINE,
        )?;
        let loaded: Loaded = serde_json::from_str(&answer)
            .map_err(|e| Failure::Job(format!("unreadable processor output: {e}")))?;
        if let Some(message) = loaded.error {
            return Err(Failure::Job(message));
        }
        self.engines.insert(spec.key, self.uses);
        if self.engines.len() > MAX_ENGINES {
            if let Some((&oldest, _)) = self.engines.iter().min_by_key(|(_, used)| **used) {
                self.engines.remove(&oldest);
                let _ = self.call("quireDrop", (oldest.to_string(),), LOAD_DEADLINE);
            }
        }
        Ok(())
    }

    /// Calls a host function that returns a string, within `limit`.
    fn call<A>(&self, name: &str, args: A, limit: Duration) -> std::result::Result<String, Failure>
    where
        A: for<'js> rquickjs::function::IntoArgs<'js>,
    {
        let until = self.started.elapsed() + limit;
        self.deadline
            .store(until.as_millis() as u64, Ordering::Relaxed);
        let result = self.context.with(|ctx| {
            let f: Function = ctx.globals().get(name)?;
            f.call::<A, String>(args)
        });
        self.deadline.store(u64::MAX, Ordering::Relaxed);
        result.map_err(|e| {
            let timed_out = self.started.elapsed() >= until;
            self.runtime.run_gc();
            if timed_out {
                Failure::Runtime(format!(
                    "the citation processor took longer than {} s and was stopped",
                    limit.as_secs()
                ))
            } else {
                Failure::Runtime(format!("the citation processor failed: {e}"))
            }
        })
    }
}
