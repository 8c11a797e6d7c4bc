//! `Batch::results` over a stream of pairs: each result comes as soon as it is done, while the
//! stream has not given the next pair yet, and no more than the window of pairs is ever taken
//! ahead of the results handed out.

use std::num::NonZeroUsize;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::thread;
use std::time::Duration;

use anyhow::{Result, bail};
use resalign_batch::{Outcome, PairInput, PairedBy, Source};

use crate::common::{batch, fixture};

/// Far longer than one small pair takes on a busy machine.
const RESULT_LIMIT: Duration = Duration::from_secs(120);

fn pair(id: String) -> Result<PairInput> {
    let text = |name: &str| Ok::<_, anyhow::Error>(Source::Text(String::from_utf8(fixture(name))?));
    Ok(PairInput {
        id,
        en: text("ecosoc.en.md")?,
        es: text("ecosoc.es.md")?,
        paired_by: PairedBy::Input,
    })
}

pub(crate) fn a_result_comes_before_the_next_pair_is_given() -> Result<()> {
    let (pairs, feed) = channel();
    let (sender, results) = channel();
    let results_of = batch(2).results(feed)?;
    let consumer = thread::spawn(move || {
        for result in results_of {
            let aligned = matches!(result.outcome, Outcome::Aligned(_));
            if sender.send((result.id, aligned)).is_err() {
                return;
            }
        }
    });
    for id in ["first", "second"] {
        pairs.send(pair(id.to_string())?)?;
        match results.recv_timeout(RESULT_LIMIT) {
            Ok(result) => assert_eq!(result, (id.to_string(), true)),
            Err(RecvTimeoutError::Timeout) => {
                bail!("no result for pair {id} within {RESULT_LIMIT:?} while the stream stays open")
            }
            Err(RecvTimeoutError::Disconnected) => bail!("the results ended before pair {id}"),
        }
    }
    drop(pairs);
    if consumer.join().is_err() {
        bail!("the consumer panicked");
    }
    assert!(results.recv().is_err(), "a result after the stream ended");
    Ok(())
}

pub(crate) fn an_endless_stream_is_read_no_further_than_the_window_ahead() -> Result<()> {
    const WINDOW: usize = 3;
    const WANTED: usize = 5;
    let template = pair(String::new())?;
    let taken = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&taken);
    let endless = (0..).map(move |index| {
        counter.fetch_add(1, Ordering::SeqCst);
        PairInput {
            id: format!("pair {index}"),
            ..template.clone()
        }
    });
    let mut run = batch(2);
    run.window(NonZeroUsize::new(WINDOW).unwrap_or(NonZeroUsize::MIN));
    let ids: Vec<String> = run
        .results(endless)?
        .take(WANTED)
        .map(|result| result.id)
        .collect();
    let expected: Vec<String> = (0..WANTED).map(|index| format!("pair {index}")).collect();
    assert_eq!(ids, expected);
    let taken = taken.load(Ordering::SeqCst);
    assert!(
        taken <= WANTED + WINDOW,
        "{taken} pairs taken from the stream for {WANTED} results with a window of {WINDOW}"
    );
    Ok(())
}
