package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

/**
 * What {@code ${HOME}} (and {@code ~}) and {@code ${JAVA_HOME}} stand for. The loader reads them from the process;
 * tests pass fixed ones.
 */
public record TokenEnvironment(String userHome, String javaHome) {
    public TokenEnvironment {
        requireNonNull(userHome, "userHome is null");
        requireNonNull(javaHome, "javaHome is null");
    }
}
