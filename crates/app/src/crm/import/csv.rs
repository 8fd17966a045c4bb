//! Reading a CSV file as people's spreadsheets write them: UTF-8 with or without a BOM, or
//! Windows-1252 (Excel's "CSV" on a western Windows); comma, semicolon or tab, guessed from the
//! header line; quoted fields with delimiters, quotes ("") and line breaks; CRLF or LF; blank
//! lines skipped. Each row keeps the line it starts on, so a problem names it. A quote that is
//! never closed is reported at its line, never silently swallowed.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Windows1252,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// The line the row starts on (the header is line 1).
    pub line: usize,
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFile {
    pub encoding: Encoding,
    pub delimiter: char,
    pub headers: Vec<String>,
    pub rows: Vec<CsvRow>,
    /// A row that could not be read (its line, why).
    pub broken: Option<(usize, String)>,
}

/// Windows-1252's 0x80–0x9F (the rest of its bytes are Latin-1's code points).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The text of the file and how it was encoded.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8Bom);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), Encoding::Utf8),
        Err(_) => {
            let text = bytes
                .iter()
                .map(|&b| if (0x80..0xA0).contains(&b) { CP1252_HIGH[usize::from(b - 0x80)] } else { char::from(b) })
                .collect();
            (text, Encoding::Windows1252)
        }
    }
}

/// The delimiter the header line uses most, outside quotes (comma when none).
fn guess_delimiter(text: &str) -> char {
    let mut quoted = false;
    let mut counts = [(',', 0), (';', 0), ('\t', 0)];
    for ch in text.chars() {
        match ch {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            _ if !quoted => {
                if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == ch) {
                    slot.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(',', |(d, _)| *d)
}

/// Reads a whole file. The first non-blank row is the header.
pub fn read(bytes: &[u8]) -> CsvFile {
    let (text, encoding) = decode(bytes);
    let delimiter = guess_delimiter(&text);
    let (mut records, broken) = records(&text, delimiter);
    records.retain(|r| !(r.fields.len() == 1 && r.fields[0].trim().is_empty()));
    let mut records = records.into_iter();
    let headers =
        records.next().map(|r| r.fields.into_iter().map(|h| h.trim().to_owned()).collect()).unwrap_or_default();
    CsvFile { encoding, delimiter, headers, rows: records.collect(), broken }
}

/// RFC 4180 records with the line each starts on; an unterminated quote ends the reading.
fn records(text: &str, delimiter: char) -> (Vec<CsvRow>, Option<(usize, String)>) {
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let (mut line, mut start, mut quote_line) = (1, 1, 0);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if quoted {
            match ch {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                _ => field.push(ch),
            }
            continue;
        }
        match ch {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
                quote_line = line;
            }
            c if c == delimiter => fields.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                rows.push(CsvRow { line: start, fields: std::mem::take(&mut fields) });
                line += 1;
                start = line;
            }
            _ => field.push(ch),
        }
    }
    if quoted {
        let why = format!(
            "the quote opened on line {quote_line} is never closed: this row and the {} line(s) after it were not read",
            line - quote_line
        );
        return (rows, Some((start, why)));
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        rows.push(CsvRow { line: start, fields });
    }
    (rows, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_crlf_semicolons_and_blank_lines() {
        let file =
            read(b"\xEF\xBB\xBFName;Notes\r\n\"Acme; Inc\";\"said \"\"hi\"\"\r\nand left\"\r\n\r\nBolt;plain\r\n");
        assert_eq!(file.encoding, Encoding::Utf8Bom);
        assert_eq!(file.delimiter, ';');
        assert_eq!(file.headers, ["Name", "Notes"]);
        assert_eq!(file.rows.len(), 2);
        assert_eq!(file.rows[0].fields, ["Acme; Inc", "said \"hi\"\nand left"]);
        assert_eq!((file.rows[0].line, file.rows[1].line), (2, 5));
        assert_eq!(file.broken, None);
    }

    #[test]
    fn windows_1252_and_an_unterminated_quote() {
        let file = read(b"name,city\nCaf\xe9 \x80uro,Montr\xe9al\n\"Broken,x\nNext,y\n");
        assert_eq!(file.encoding, Encoding::Windows1252);
        assert_eq!(file.rows[0].fields, ["Café €uro", "Montréal"]);
        let (line, why) = file.broken.unwrap();
        assert_eq!(line, 3);
        assert!(why.contains("line 3 is never closed"), "{why}");
    }

    #[test]
    fn tabs_and_a_last_line_without_newline() {
        let file = read(b"a\tb\n1\t2");
        assert_eq!(file.delimiter, '\t');
        assert_eq!(file.rows[0].fields, ["1", "2"]);
    }
}
