package io.egret.executor;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.executor.fetch.FetchConfigFile;
import io.egret.executor.fetch.PackageFetchers;
import io.egret.executor.fetch.PackageUri;
import io.egret.executor.fetch.TarArchives;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code heron-downloader URI DEST-DIR}: what a container's job definition runs to fetch the core and topology
 * packages, in place of {@code curl} or {@code hdfs dfs -get}. It fetches with the client matching the URI's
 * scheme (the same fetchers the executor uses), verifies {@code #sha256=…} when the URI carries it, and unpacks
 * {@code .tar}/{@code .tar.gz}/{@code .tgz} into DEST-DIR. A failure is one line naming the URI and the cause, with
 * the exit code of Egret's table, and leaves no partial file.
 */
public final class DownloaderMain {
    public static final String USAGE = String.join(
            "\n",
            "Usage: heron-downloader [options] URI DEST-DIR",
            "",
            "Fetches URI (file:, http:, https:, and hdfs: or s3: when installed) into DEST-DIR. Archives",
            "(.tar, .tar.gz, .tgz) are unpacked there; other files are stored under their own name. A URI ending",
            "in #sha256=HEX is verified before anything is stored.",
            "",
            "Options:",
            "  --config-file FILE           key: value file with the storage settings, e.g. the cluster's",
            "                               uploader.yaml (heron.uploader.s3.region, heron.uploader.s3.uri, ...)",
            "  --config-property KEY=VALUE  one setting; repeatable; wins over --config-file",
            "  --no-extract                 store an archive as it is",
            "  --verbose                    the cause chain of an error",
            "  --help                       prints this text",
            "",
            "Exit codes: 0 fetched, 2 bad arguments or content, 3 nothing at URI, 5 storage unreachable or access",
            "denied, 1 internal error.",
            "");

    private DownloaderMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Fetches as the command line says.
     *
     * @return the process exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        Map<String, String> config = new LinkedHashMap<>();
        Map<String, String> properties = new LinkedHashMap<>();
        boolean extract = true;
        boolean verbose = false;
        try {
            for (int index = 0; index < args.length; index++) {
                String argument = args[index];
                String value = null;
                String name = argument;
                int equals = argument.indexOf('=');
                if (argument.startsWith("--") && equals > 0) {
                    name = argument.substring(0, equals);
                    value = argument.substring(equals + 1);
                }
                switch (name) {
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--no-extract" -> extract = false;
                    case "--verbose" -> verbose = true;
                    case "--config-file" -> {
                        String file = value != null ? value : next(args, ++index, name);
                        config.putAll(FetchConfigFile.read(Path.of(file)));
                    }
                    case "--config-property" -> {
                        String pair = value != null ? value : next(args, ++index, name);
                        int split = pair.indexOf('=');
                        if (split <= 0) {
                            throw EgretException.userError("--config-property takes KEY=VALUE, got '" + pair + "'");
                        }
                        properties.put(pair.substring(0, split), pair.substring(split + 1));
                    }
                    default -> {
                        if (argument.startsWith("--")) {
                            throw EgretException.userError("unknown option " + argument + "; see --help");
                        }
                        positional.add(argument);
                    }
                }
            }
            if (positional.size() != 2) {
                throw EgretException.userError(
                        "expected URI and DEST-DIR, got " + positional.size() + " arguments; see --help");
            }
            config.putAll(properties);
            URI uri = uri(positional.get(0));
            Path destination = Path.of(positional.get(1)).toAbsolutePath();
            Path stored = download(PackageFetchers.installed(config), uri, destination, extract);
            out.println("fetched " + PackageFetchers.display(uri) + " into " + stored);
            return 0;
        } catch (EgretException e) {
            err.println("heron-downloader: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return e.code().exitCode();
        }
    }

    /**
     * Fetches {@code uri} into {@code destination}, unpacking archives when {@code extract} is set.
     *
     * @return the unpacked directory, or the stored file
     */
    public static Path download(PackageFetchers fetchers, URI uri, Path destination, boolean extract) {
        PackageUri parsed = PackageUri.parse(uri);
        String name = fileName(parsed.location());
        try {
            Files.createDirectories(destination);
        } catch (IOException e) {
            throw new EgretException(ErrorCode.USER_ERROR, "cannot create " + destination + ": " + e, e);
        }
        if (!extract || !TarArchives.isArchiveName(name)) {
            Path target = destination.resolve(name);
            fetchers.fetch(uri, target);
            return target;
        }
        Path archive = destination.resolve("." + name + ".fetched");
        fetchers.fetch(uri, archive);
        try {
            TarArchives.extract(archive, destination);
        } catch (EgretException e) {
            throw new EgretException(
                    e.code(), "cannot unpack " + PackageFetchers.display(uri) + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(archive);
            } catch (IOException e) {
                // The unpacked files are complete; the archive copy only costs space.
                System.getLogger(DownloaderMain.class.getName())
                        .log(System.Logger.Level.WARNING, "cannot delete " + archive + ": " + e);
            }
        }
        return destination;
    }

    private static String fileName(URI location) {
        String path = location.getPath() == null ? "" : location.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isBlank() ? "package" : name;
    }

    private static String next(String[] args, int index, String option) {
        if (index >= args.length) {
            throw EgretException.userError(option + " needs a value; see --help");
        }
        return args[index];
    }

    private static URI uri(String value) {
        try {
            return new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw EgretException.userError("'" + value + "' is not a URI: " + e.getReason());
        }
    }
}
