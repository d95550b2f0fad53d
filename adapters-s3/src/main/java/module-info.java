/**
 * The S3 uploader and the container-side S3 fetcher. Exports one Guice module and its config record; the
 * implementation is internal, and the fetcher is offered as a service.
 */
module io.egret.adapters.s3 {
    requires transitive io.egret.ports;
    requires com.google.guice;
    requires jakarta.inject;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;

    exports io.egret.adapters.s3;

    opens io.egret.adapters.s3 to
            com.google.guice;

    provides io.egret.ports.out.PackageFetcherProvider with
            io.egret.adapters.s3.internal.S3FetcherProvider;
}
