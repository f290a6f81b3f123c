//! Timestamps kept as the server wrote them.

use std::fmt;

/// A point in time as the server wrote it. The text is kept exactly (so a round trip is
/// lossless even for the non-standard formats some pages show); [`Timestamp::parse`] reads it.
#[derive(
    Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(String);

impl Timestamp {
    /// Wraps wire text; it is parsed only on request.
    pub fn new(text: impl Into<String>) -> Self {
        Timestamp(text.into())
    }

    /// The wire text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Parses RFC 3339 (`2019-04-01T12:00:00.000Z`) and the compact offset form some pages
    /// use (`2018-08-06T10:41:14+0000`).
    pub fn parse(&self) -> Result<time::OffsetDateTime, TimestampError> {
        use time::format_description::well_known::Rfc3339;
        use time::macros::format_description;
        let compact = format_description!(
            version = 2,
            "[year]-[month]-[day]T[hour]:[minute]:[second][optional [.[subsecond]]][offset_hour sign:mandatory][offset_minute]"
        );
        time::OffsetDateTime::parse(&self.0, &Rfc3339)
            .or_else(|_| time::OffsetDateTime::parse(&self.0, &compact))
            .map_err(|_| TimestampError(self.0.clone()))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A timestamp whose text is in no format [`Timestamp::parse`] knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimestampError(String);

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a timestamp in a known format", self.0)
    }
}

impl std::error::Error for TimestampError {}

impl std::str::FromStr for Timestamp {
    type Err = std::convert::Infallible;

    /// Keeps the text as it is; [`Timestamp::parse`] reads it.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Timestamp::new(text))
    }
}
