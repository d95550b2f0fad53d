package io.egret.domain.config;

import java.util.regex.Pattern;

/** Hides secrets in values before they are shown anywhere. */
final class Redaction {
    static final String MASK = "****";

    /** {@code scheme://user:password@host}: the password part. */
    private static final Pattern URI_PASSWORD = Pattern.compile("(://[^/:@\\s]*:)[^/@\\s]*@");

    private Redaction() {}

    static String redact(String key, String value) {
        if (ConfigKey.isSecretName(key)) {
            return value.isEmpty() ? "" : MASK;
        }
        return URI_PASSWORD.matcher(value).replaceAll("$1" + MASK + "@");
    }
}
