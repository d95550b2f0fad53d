package io.egret.domain.config;

import io.egret.domain.error.EgretException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Where topology packages are put, selected by Heron's {@code heron.class.uploader} class name or a short name. */
public enum UploaderKind {
    LOCAL_FS("localfs", "uploader.localfs.LocalFileSystemUploader", true),
    HDFS("hdfs", "uploader.hdfs.HdfsUploader", true),
    S3("s3", "uploader.s3.S3Uploader", true),
    SCP("scp", "uploader.scp.ScpUploader", false),
    HTTP("http", "uploader.http.HttpUploader", false),
    GCS("gcs", "uploader.gcs.GcsUploader", false),
    DISTRIBUTED_LOG("dlog", "uploader.dlog.DLUploader", false),
    NULL("null", "uploader.NullUploader", false);

    private final String shortName;
    private final String relativeClassName;
    private final boolean available;

    UploaderKind(String shortName, String relativeClassName, boolean available) {
        this.shortName = shortName;
        this.relativeClassName = relativeClassName;
        this.available = available;
    }

    public String shortName() {
        return shortName;
    }

    public boolean isAvailable() {
        return available;
    }

    public String heronClassName() {
        return HeronClassNames.APACHE_PACKAGE + relativeClassName;
    }

    /** The uploader the configuration selects; an error if it is unknown or not in this build. */
    public static UploaderKind fromConfig(EffectiveConfig config) {
        ConfigKey key = ConfigKey.UPLOADER_CLASS;
        String value = config.required(key);
        ConfigSource source = config.source(key).orElseThrow();
        for (UploaderKind kind : values()) {
            if (HeronClassNames.matches(value, kind.relativeClassName, kind.shortName)) {
                if (!kind.available) {
                    throw EgretException.userError("the " + kind.shortName + " uploader (" + key.key() + " in " + source
                            + ") is not available in this build; available: " + names());
                }
                return kind;
            }
        }
        throw EgretException.userError("unknown uploader '" + value + "' in " + key.key() + " (" + source
                + "); valid values are "
                + Arrays.stream(values())
                        .filter(kind -> kind.available)
                        .map(UploaderKind::heronClassName)
                        .collect(Collectors.joining(", ")));
    }

    private static String names() {
        return Arrays.stream(values())
                .filter(kind -> kind.available)
                .map(kind -> kind.shortName)
                .collect(Collectors.joining(", "));
    }
}
