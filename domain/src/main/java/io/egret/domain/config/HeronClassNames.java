package io.egret.domain.config;

import java.util.List;
import java.util.Locale;

/**
 * Heron class names as configuration values. Heron moved from {@code com.twitter.heron} to
 * {@code org.apache.heron}; files from either era name the same implementation, so both map to one kind.
 */
final class HeronClassNames {
    static final String APACHE_PACKAGE = "org.apache.heron.";
    static final String TWITTER_PACKAGE = "com.twitter.heron.";

    private static final List<String> PACKAGES = List.of(APACHE_PACKAGE, TWITTER_PACKAGE);

    private HeronClassNames() {}

    /**
     * Whether a configured value names a class, given relative to Heron's root package, or is the short name.
     */
    static boolean matches(String value, String relativeClassName, String shortName) {
        String trimmed = value.trim();
        for (String heronPackage : PACKAGES) {
            if (trimmed.equals(heronPackage + relativeClassName)) {
                return true;
            }
        }
        return trimmed.toLowerCase(Locale.ROOT).equals(shortName.toLowerCase(Locale.ROOT));
    }
}
