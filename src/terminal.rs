//! The terminal of the command-line tools: progress on standard error for the commands that
//! can take a while (demo, import, export, report, retention), an `indicatif` bar or spinner
//! that appears only on a terminal and only once the work has taken more than a second, so
//! quick runs and logs stay clean.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::time::Duration;

/// After this long without being done, the bar or spinner shows.
const NA: Duration = Duration::from_secs(1);

/// A bar (with a known total) or a spinner (without), hidden until [`NA`] has passed.
pub struct Voortgang {
    balk: ProgressBar,
}

impl Voortgang {
    /// A bar for `totaal` steps of `wat` ("momenten", "rijen").
    pub fn balk(totaal: u64, wat: &str) -> Self {
        let stijl = ProgressStyle::with_template(&format!(
            "{{prefix}} [{{bar:30}}] {{percent:>3}}%  {{pos}} van {{len}} {wat}  {{elapsed}}  {{msg}}"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("#>-");
        Self::met(
            ProgressBar::with_draw_target(Some(totaal), ProgressDrawTarget::hidden()),
            stijl,
        )
    }

    /// A spinner saying what is being done ("Werkset-export maken").
    pub fn bezig(wat: &str) -> Self {
        let stijl = ProgressStyle::with_template("{spinner} {prefix}…  {msg}  {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let v = Self::met(ProgressBar::hidden(), stijl);
        v.balk.set_prefix(wat.to_string());
        v.balk.enable_steady_tick(Duration::from_millis(120));
        v
    }

    fn met(balk: ProgressBar, stijl: ProgressStyle) -> Self {
        balk.set_style(stijl);
        // Shown only on a terminal, and only when still busy after a second.
        if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            let later = balk.clone();
            std::thread::spawn(move || {
                std::thread::sleep(NA);
                if !later.is_finished() {
                    later.set_draw_target(ProgressDrawTarget::stderr());
                }
            });
        }
        Self { balk }
    }

    /// The text before the bar ("Landelijke demo").
    pub fn voor(self, tekst: &str) -> Self {
        self.balk.set_prefix(tekst.to_string());
        self
    }

    pub fn zet(&self, gedaan: u64, bericht: impl Into<String>) {
        self.balk.set_position(gedaan);
        self.balk.set_message(bericht.into());
    }

    /// Done: the bar or spinner disappears (what was done is printed by the command).
    pub fn klaar(&self) {
        self.balk.finish_and_clear();
    }
}

impl Drop for Voortgang {
    fn drop(&mut self) {
        if !self.balk.is_finished() {
            self.balk.finish_and_clear();
        }
    }
}
