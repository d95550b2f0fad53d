package io.egret.executor.fetch;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.ports.out.PackageFetcherPort;
import io.egret.ports.out.PackageFetcherProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every fetcher of this installation behind one {@link PackageFetcherPort}: {@code file:} and {@code http(s):}
 * built in, and whatever {@link PackageFetcherProvider} services the installed storage adapters offer (HDFS, S3).
 * It picks the fetcher by scheme, fetches into a temporary file beside the target, checks the digest the URI
 * carries ({@code #sha256=…}), and only then moves the file into place, so a failed fetch leaves nothing. Every
 * failure names the URI (without user information) and the cause.
 */
public final class PackageFetchers implements PackageFetcherPort {
    /** Connect and read timeouts of the built-in HTTP fetcher when none are given. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(120);

    private final Map<String, Opener> openers;
    private final Map<String, PackageFetcherPort> opened = new ConcurrentHashMap<>();

    private PackageFetchers(Map<String, Opener> openers) {
        this.openers = Map.copyOf(openers);
    }

    /** Opens a fetcher for a scheme only when a URI of that scheme is fetched. */
    @FunctionalInterface
    private interface Opener {
        PackageFetcherPort open();
    }

    /**
     * The built-in fetchers and every provider found as a service.
     *
     * @param config Heron config keys handed to the providers (their uploader's keys); may hold secrets
     */
    public static PackageFetchers installed(Map<String, String> config) {
        return installed(config, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /** As {@link #installed(Map)}, with the HTTP fetcher's timeouts. */
    public static PackageFetchers installed(Map<String, String> config, Duration connectTimeout, Duration readTimeout) {
        return of(
                ServiceLoader.load(PackageFetcherProvider.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .toList(),
                config,
                connectTimeout,
                readTimeout);
    }

    /** The built-in fetchers and the given providers (a provider's scheme wins over a built-in one). */
    public static PackageFetchers of(
            List<PackageFetcherProvider> providers,
            Map<String, String> config,
            Duration connectTimeout,
            Duration readTimeout) {
        requireNonNull(providers, "providers is null");
        Map<String, String> settings = Map.copyOf(requireNonNull(config, "config is null"));
        Map<String, Opener> openers = new LinkedHashMap<>();
        FileFetcher file = new FileFetcher();
        HttpFetcher http = new HttpFetcher(connectTimeout, readTimeout);
        openers.put("file", () -> file);
        openers.put("http", () -> http);
        openers.put("https", () -> http);
        for (PackageFetcherProvider provider : providers) {
            for (String scheme : provider.schemes()) {
                openers.put(scheme, () -> provider.open(settings));
            }
        }
        return new PackageFetchers(openers);
    }

    /** The schemes this installation fetches, sorted. */
    public List<String> schemes() {
        return List.copyOf(new TreeSet<>(openers.keySet()));
    }

    @Override
    public void fetch(URI uri, Path target) {
        requireNonNull(uri, "uri is null");
        requireNonNull(target, "target is null");
        String shown = display(uri);
        try {
            PackageUri packageUri = PackageUri.parse(uri);
            Opener opener = openers.get(packageUri.scheme());
            if (opener == null) {
                throw EgretException.userError("no fetcher for the scheme '" + packageUri.scheme()
                        + "'; this installation fetches " + String.join(", ", schemes()) + " URIs");
            }
            PackageFetcherPort fetcher = opened.computeIfAbsent(packageUri.scheme(), scheme -> opener.open());
            fetchVerified(fetcher, packageUri, target.toAbsolutePath());
        } catch (EgretException e) {
            throw new EgretException(e.code(), "cannot fetch " + shown + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new EgretException(ErrorCode.INTERNAL, "cannot fetch " + shown + ": " + e, e);
        }
    }

    private static void fetchVerified(PackageFetcherPort fetcher, PackageUri uri, Path target) {
        Path directory = target.getParent();
        Path temporary = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(directory);
            fetcher.fetch(uri.location(), temporary);
            if (!Files.isRegularFile(temporary)) {
                throw EgretException.internal("the fetcher stored nothing", null);
            }
            if (uri.sha256().isPresent()) {
                String actual = sha256(temporary);
                if (!actual.equals(uri.sha256().get())) {
                    throw EgretException.userError("its content has SHA-256 " + actual + ", not "
                            + uri.sha256().get() + " as the URI says: it was changed or corrupted in storage");
                }
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            EgretException failure =
                    new EgretException(ErrorCode.INTERNAL, "cannot store it at " + target + ": " + e, e);
            removePartial(temporary, failure);
            throw failure;
        } catch (RuntimeException e) {
            removePartial(temporary, e);
            throw e;
        }
    }

    /** Nothing half-fetched stays; if even that fails, the failure says so. */
    private static void removePartial(Path temporary, Throwable failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The URI without user information (passwords) or query (signatures), for messages. */
    public static String display(URI uri) {
        if (uri.getRawUserInfo() == null && uri.getRawQuery() == null) {
            return uri.toString();
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, uri.getFragment())
                    .toString();
        } catch (URISyntaxException e) {
            return uri.getScheme() + "://" + uri.getHost() + "/…";
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream input =
                new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            input.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) input).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
