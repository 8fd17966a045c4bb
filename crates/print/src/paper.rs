//! Paper sizes, in millimetres.

/// What a ticket is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
    /// A narrow ticket for a wallet, or to keep on a phone (80 × 160 mm).
    Wallet,
}

impl Paper {
    pub const ALL: [Paper; 3] = [Paper::A4, Paper::Letter, Paper::Wallet];

    /// Width and height in millimetres, portrait.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
            Paper::Wallet => (80.0, 160.0),
        }
    }

    /// The paper for reports and lists: this one, unless it is the wallet size (too narrow).
    pub fn sheet(self) -> Paper {
        if self == Paper::Wallet { Paper::A4 } else { self }
    }

    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
            Paper::Wallet => "wallet",
        }
    }

    /// `a4`, `letter` or `wallet`, any letter case.
    pub fn from_name(name: &str) -> Option<Paper> {
        Paper::ALL.into_iter().find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The computer's usual paper from its locale (`LC_PAPER`, else `LC_ALL`/`LANG`): US Letter
    /// in the United States, Canada, Mexico, the Philippines, Chile, Colombia, Venezuela and
    /// Central America; A4 elsewhere.
    pub fn from_locale(locale: &str) -> Paper {
        const LETTER: [&str; 13] = ["US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "GT", "CR", "PA", "SV", "NI"];
        let region = locale.split(['.', '@']).next().unwrap_or("").rsplit(['_', '-']).next().unwrap_or("");
        if locale.contains(['_', '-']) && LETTER.contains(&region.to_ascii_uppercase().as_str()) {
            Paper::Letter
        } else {
            Paper::A4
        }
    }

    /// [`Paper::from_locale`] for this process's environment.
    pub fn of_this_computer() -> Paper {
        let locale =
            ["LC_PAPER", "LC_ALL", "LANG"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
        Paper::from_locale(locale.as_deref().unwrap_or(""))
    }
}

#[cfg(test)]
mod tests {
    use super::Paper;

    #[test]
    fn the_locale_chooses_letter_in_the_americas_that_use_it_and_a4_elsewhere() {
        assert_eq!(Paper::from_locale("en_US.UTF-8"), Paper::Letter);
        assert_eq!(Paper::from_locale("fr_CA.UTF-8"), Paper::Letter);
        assert_eq!(Paper::from_locale("en_GB.UTF-8"), Paper::A4);
        assert_eq!(Paper::from_locale("de_DE@euro"), Paper::A4);
        assert_eq!(Paper::from_locale("C.UTF-8"), Paper::A4);
        assert_eq!(Paper::from_locale(""), Paper::A4);
        assert_eq!(Paper::from_name(" Letter "), Some(Paper::Letter));
        assert_eq!(Paper::from_name("a5"), None);
    }
}
