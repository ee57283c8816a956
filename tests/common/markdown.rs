//! The fenced code blocks of a Markdown text, for the tests that run or
//! check the documentation's examples (`tests/readme.rs`,
//! `tests/traefik.rs`): the README, then the pages of `docs/` in the order
//! of its table of contents.

use std::path::Path;

/// One fenced block: its info string, where it opens, its text.
pub struct Block {
    /// The file it is in, from the repository's root (`README.md`).
    pub file: String,
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
                        file: String::new(),
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

/// The pages of the documentation, in reading order: the README, then the
/// pages `docs/README.md` lists, in its order.
#[track_caller]
pub fn pages() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let toc = std::fs::read_to_string(root.join("docs/README.md")).expect("docs/README.md");
    let mut pages = vec!["README.md".to_string()];
    for line in toc.lines() {
        // Numbered entries name the pages: `1. [Title](page.md)`.
        let Some((_, rest)) = line.split_once(". [") else {
            continue;
        };
        if !line.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let Some(page) = rest.split_once("](").map(|(_, p)| p.trim_end_matches(')')) else {
            continue;
        };
        pages.push(format!("docs/{page}"));
    }
    pages
}

/// The whole documentation, README first: its text (every page one after
/// another) and its fenced blocks, each with its page.
#[track_caller]
pub fn readme() -> (String, Vec<Block>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all_text = String::new();
    let mut all_blocks = Vec::new();
    for page in pages() {
        let text =
            std::fs::read_to_string(root.join(&page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        for mut block in blocks(&text) {
            block.file = page.clone();
            all_blocks.push(block);
        }
        all_text.push_str(&text);
        all_text.push('\n');
    }
    (all_text, all_blocks)
}
