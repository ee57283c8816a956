//! The fenced code blocks of a Markdown text, for the tests that run or
//! check the README's examples (`tests/readme.rs`, `tests/traefik.rs`).

use std::path::Path;

/// One fenced block: its info string, where it opens, its text.
pub struct Block {
    /// The fence's info string, e.g. `sh` or `yaml` (empty when none).
    pub lang: String,
    /// 1-based line of the opening fence.
    pub line: usize,
    /// The lines between the fences, each ending in a newline.
    pub text: String,
}

/// The fenced blocks of a Markdown text (fences of three backticks at the
/// start of a line). An unclosed fence fails the test.
#[track_caller]
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in markdown.lines().enumerate() {
        match &mut open {
            None => {
                if let Some(lang) = line.strip_prefix("```") {
                    open = Some(Block {
                        lang: lang.trim().to_string(),
                        line: i + 1,
                        text: String::new(),
                    });
                }
            }
            Some(block) => {
                if line.trim_end() == "```" {
                    out.extend(open.take());
                } else {
                    block.text.push_str(line);
                    block.text.push('\n');
                }
            }
        }
    }
    if let Some(block) = open {
        panic!("unclosed code fence opened on line {}", block.line);
    }
    out
}

/// The repository's README.md: its text and its fenced blocks.
#[track_caller]
pub fn readme() -> (String, Vec<Block>) {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let blocks = blocks(&text);
    (text, blocks)
}
