package io.egret.adapters.aurora;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the Aurora adapter needs, already read from Heron's keys by the composition.
 *
 * @param client the {@code aurora} client command (normally just {@code aurora}, found on {@code PATH})
 * @param jobTemplate the job file: {@code heron.scheduler.job.template}, by default {@code heron.aurora} in the
 *     cluster's config directory (with the first of {@code heron.scheduler.properties} replacing that name)
 * @param metadataBindings the rest of {@code heron.scheduler.properties}, bound as {@code AURORA_METADATA_<i>}
 * @param executorBinary the executor inside the Aurora sandbox ({@code EXECUTOR_BINARY})
 * @param executorFlags the executor's state flags for every container, so that containers find the same state
 *     store as the CLI (whatever store it is)
 * @param corePackageUri {@code heron.package.core.uri}
 * @param sandboxJavaHome {@code heron.directory.sandbox.java.home}, passed on unexpanded: it is meant for the
 *     container
 * @param packageScheme the URI scheme of the configured uploader's packages ({@code file}, {@code hdfs},
 *     {@code s3}, {@code http}), checked against the template's fetch commands before anything runs
 * @param maxKillAttempts {@code heron.scheduler.job.max.kill.attempts}
 * @param killRetryInterval {@code heron.scheduler.job.kill.retry.interval.ms}
 * @param clientTimeout how long one client command may take, including its {@code --wait-until} wait (Aurora's
 *     own wait has no timeout)
 * @param jobLinkTemplate {@code heron.scheduler.job.link.template}, already token-substituted except for
 *     {@code ${TOPOLOGY}}
 */
public record AuroraAdapterConfig(
        List<String> client,
        Path jobTemplate,
        List<String> metadataBindings,
        String executorBinary,
        List<String> executorFlags,
        String corePackageUri,
        String sandboxJavaHome,
        String packageScheme,
        int maxKillAttempts,
        Duration killRetryInterval,
        Duration clientTimeout,
        Optional<String> jobLinkTemplate) {
    /** Where the executor is inside the sandbox once the core package is unpacked, as in Heron's cluster mode. */
    public static final String SANDBOX_EXECUTOR = "./heron-core/bin/heron-executor";

    public AuroraAdapterConfig {
        client = List.copyOf(requireNonNull(client, "client is null"));
        requireNonNull(jobTemplate, "jobTemplate is null");
        metadataBindings = List.copyOf(requireNonNull(metadataBindings, "metadataBindings is null"));
        requireNonNull(executorBinary, "executorBinary is null");
        executorFlags = List.copyOf(requireNonNull(executorFlags, "executorFlags is null"));
        requireNonNull(corePackageUri, "corePackageUri is null");
        requireNonNull(sandboxJavaHome, "sandboxJavaHome is null");
        requireNonNull(packageScheme, "packageScheme is null");
        requireNonNull(killRetryInterval, "killRetryInterval is null");
        requireNonNull(clientTimeout, "clientTimeout is null");
        requireNonNull(jobLinkTemplate, "jobLinkTemplate is null");
        if (client.isEmpty()) {
            throw new IllegalArgumentException("the aurora client command is empty");
        }
        if (maxKillAttempts < 1) {
            throw new IllegalArgumentException("maxKillAttempts must be at least 1, got " + maxKillAttempts);
        }
        if (clientTimeout.isNegative() || clientTimeout.isZero()) {
            throw new IllegalArgumentException("clientTimeout must be positive, got " + clientTimeout);
        }
    }
}
