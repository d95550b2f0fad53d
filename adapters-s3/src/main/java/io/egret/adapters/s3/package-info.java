/**
 * Topology packages on S3 and S3-compatible stores, through the AWS SDK v2, wired by
 * {@link io.egret.adapters.s3.S3AdapterModule} from an {@link io.egret.adapters.s3.S3AdapterConfig} (Heron's
 * {@code heron.uploader.s3.*} keys):
 *
 * <ul>
 *   <li>uploader: content-addressed keys {@code <path_prefix>/<topology>/<sha256>/topology.tar.gz}, so an unchanged
 *       package is found by one HEAD request and not sent again; multipart above a threshold with progress; a
 *       failed multipart upload is aborted; undo deletes only an object this upload stored;
 *   <li>fetcher: {@code s3://bucket/key} for containers, offered as a
 *       {@link io.egret.ports.out.PackageFetcherProvider} service, so the executor and {@code heron-downloader}
 *       find it without naming S3.
 * </ul>
 *
 * <p>Credentials: the static keys when both are configured, else the named profile, else the SDK's default chain;
 * secrets never reach messages or logs. The SDK talks HTTP through the JDK's {@code HttpURLConnection}
 * ({@code url-connection-client}): no Netty or Apache client on the module path. The SDK's jars are automatic
 * modules with stable {@code Automatic-Module-Name}s and no split packages.
 */
package io.egret.adapters.s3;
