//! An access key pair, optionally with the security token of temporary credentials.
//!
//! The secret key and the token never leave this type except into a signature: `Debug`
//! redacts them and no error message carries them.

use std::fmt;

/// An access key, its secret key and, for temporary credentials, a security token.
///
/// `Debug` shows the access key (it travels in every `Authorization` header anyway) but
/// never the secret key or the token.
///
/// ```
/// use cloudjobs_runtime::sign::Credentials;
///
/// let credentials = Credentials::new("AK", "my-secret").with_security_token("my-token");
/// let shown = format!("{credentials:?}");
/// assert!(!shown.contains("my-secret") && !shown.contains("my-token"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key: String,
    secret_key: String,
    security_token: Option<String>,
}

/// The environment variables Huawei Cloud's SDKs read: access key, secret key, token.
const HUAWEICLOUD_ENV: EnvNames = EnvNames {
    access_key: "HUAWEICLOUD_SDK_AK",
    secret_key: "HUAWEICLOUD_SDK_SK",
    security_token: "HUAWEICLOUD_SDK_SECURITY_TOKEN",
};

/// The environment variables Alibaba Cloud's SDKs read: access key, secret key, token.
const ALIBABACLOUD_ENV: EnvNames = EnvNames {
    access_key: "ALIBABA_CLOUD_ACCESS_KEY_ID",
    secret_key: "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    security_token: "ALIBABA_CLOUD_SECURITY_TOKEN",
};

struct EnvNames {
    access_key: &'static str,
    secret_key: &'static str,
    security_token: &'static str,
}

impl Credentials {
    /// Long-term credentials: an access key and its secret key.
    pub fn new(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credentials {
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            security_token: None,
        }
    }

    /// Adds the security token that temporary (STS) credentials come with.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// Reads `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` and, if set,
    /// `HUAWEICLOUD_SDK_SECURITY_TOKEN`.
    ///
    /// # Errors
    /// A key variable that is unset, empty or not Unicode; the error names the variable.
    pub fn huaweicloud_from_env() -> Result<Self, CredentialsError> {
        Self::from_lookup(&HUAWEICLOUD_ENV, |name| std::env::var_os(name))
    }

    /// Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and, if set,
    /// `ALIBABA_CLOUD_SECURITY_TOKEN`.
    ///
    /// # Errors
    /// A key variable that is unset, empty or not Unicode; the error names the variable.
    pub fn alibabacloud_from_env() -> Result<Self, CredentialsError> {
        Self::from_lookup(&ALIBABACLOUD_ENV, |name| std::env::var_os(name))
    }

    /// The environment readers with the lookup passed in, so tests need not change the
    /// process environment.
    fn from_lookup(
        names: &EnvNames,
        lookup: impl Fn(&str) -> Option<std::ffi::OsString>,
    ) -> Result<Self, CredentialsError> {
        let read = |name: &'static str| -> Result<Option<String>, CredentialsError> {
            match lookup(name) {
                None => Ok(None),
                Some(value) if value.is_empty() => Ok(None),
                Some(value) => value
                    .into_string()
                    .map(Some)
                    .map_err(|_| CredentialsError::NotUnicode { variable: name }),
            }
        };
        let required = |name: &'static str| {
            read(name)?.ok_or(CredentialsError::MissingVariable { variable: name })
        };
        Ok(Credentials {
            access_key: required(names.access_key)?,
            secret_key: required(names.secret_key)?,
            security_token: read(names.security_token)?,
        })
    }

    /// The access key (not secret: it names the key pair in every signed request).
    pub fn access_key(&self) -> &str {
        &self.access_key
    }

    /// Whether these are temporary credentials with a security token.
    pub fn has_security_token(&self) -> bool {
        self.security_token.is_some()
    }

    pub(crate) fn secret_key(&self) -> &str {
        &self.secret_key
    }

    pub(crate) fn security_token(&self) -> Option<&str> {
        self.security_token.as_deref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key", &self.access_key)
            .field("secret_key", &"<redacted>")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Why credentials could not be read from the environment. Names the variable, never
/// its value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialsError {
    /// A required variable is unset or empty.
    MissingVariable {
        /// The variable's name.
        variable: &'static str,
    },
    /// A variable's value is not valid Unicode.
    NotUnicode {
        /// The variable's name.
        variable: &'static str,
    },
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialsError::MissingVariable { variable } => {
                write!(
                    f,
                    "environment variable {variable} is not set (or is empty)"
                )
            }
            CredentialsError::NotUnicode { variable } => {
                write!(f, "environment variable {variable} is not valid Unicode")
            }
        }
    }
}

impl std::error::Error for CredentialsError {}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::ffi::OsString;

    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let map: HashMap<String, OsString> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn reads_each_vendors_variables() {
        let huawei = Credentials::from_lookup(
            &HUAWEICLOUD_ENV,
            env(&[
                ("HUAWEICLOUD_SDK_AK", "hw-ak"),
                ("HUAWEICLOUD_SDK_SK", "hw-sk"),
                ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "hw-token"),
                ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ali-ak"),
            ]),
        )
        .unwrap();
        assert_eq!(
            huawei,
            Credentials::new("hw-ak", "hw-sk").with_security_token("hw-token")
        );

        let ali = Credentials::from_lookup(
            &ALIBABACLOUD_ENV,
            env(&[
                ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ali-ak"),
                ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ali-sk"),
                ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "not-this-one"),
            ]),
        )
        .unwrap();
        assert_eq!(ali, Credentials::new("ali-ak", "ali-sk"));
        assert!(!ali.has_security_token());
    }

    #[test]
    fn a_missing_or_empty_key_names_its_variable() {
        let err = Credentials::from_lookup(
            &HUAWEICLOUD_ENV,
            env(&[("HUAWEICLOUD_SDK_SK", "hw-secret-value")]),
        )
        .unwrap_err();
        assert_eq!(
            err,
            CredentialsError::MissingVariable {
                variable: "HUAWEICLOUD_SDK_AK"
            }
        );
        assert!(err.to_string().contains("HUAWEICLOUD_SDK_AK"));

        let err = Credentials::from_lookup(
            &ALIBABACLOUD_ENV,
            env(&[
                ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ali-ak"),
                ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", ""),
            ]),
        )
        .unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
            "{message}"
        );
    }

    #[test]
    fn an_empty_token_variable_means_no_token() {
        let c = Credentials::from_lookup(
            &ALIBABACLOUD_ENV,
            env(&[
                ("ALIBABA_CLOUD_ACCESS_KEY_ID", "a"),
                ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s"),
                ("ALIBABA_CLOUD_SECURITY_TOKEN", ""),
            ]),
        )
        .unwrap();
        assert!(!c.has_security_token());
    }

    #[cfg(unix)]
    #[test]
    fn a_non_unicode_variable_is_an_error_without_its_value() {
        use std::os::unix::ffi::OsStringExt;
        let lookup = |name: &str| {
            (name == "HUAWEICLOUD_SDK_SK")
                .then(|| OsString::from_vec(b"sec\xffret".to_vec()))
                .or_else(|| (name == "HUAWEICLOUD_SDK_AK").then(|| OsString::from("ak")))
        };
        let err = Credentials::from_lookup(&HUAWEICLOUD_ENV, lookup).unwrap_err();
        assert_eq!(
            err,
            CredentialsError::NotUnicode {
                variable: "HUAWEICLOUD_SDK_SK"
            }
        );
        assert!(!format!("{err} {err:?}").contains("sec"));
    }

    #[test]
    fn debug_never_shows_the_secret_or_the_token() {
        let c = Credentials::new("AKID-visible", "s3cr3t-value").with_security_token("t0ken-value");
        for shown in [format!("{c:?}"), format!("{c:#?}")] {
            assert!(shown.contains("AKID-visible"), "{shown}");
            assert!(!shown.contains("s3cr3t-value"), "{shown}");
            assert!(!shown.contains("t0ken-value"), "{shown}");
            assert!(shown.contains("<redacted>"), "{shown}");
        }
    }
}
