package io.egret.adapters.s3.internal;

import io.egret.adapters.s3.S3AdapterConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the SDK client from the settings: credentials, region, endpoint, path style and timeouts. */
public final class S3Clients {
    /** Heron's region when none is configured or found. */
    static final Region HERON_DEFAULT_REGION = Region.US_WEST_2;

    private S3Clients() {}

    public static S3Client build(S3AdapterConfig config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(region(config))
                .credentialsProvider(credentials(config.credentials()))
                .forcePathStyle(config.usesPathStyle())
                .httpClientBuilder(httpClient(config));
        config.endpoint()
                .ifPresent(endpoint -> builder.endpointOverride(endpoint)
                        // S3-compatible stores do not all understand the SDK's newer trailing checksums; the uploader
                        // verifies content by its SHA-256 anyway.
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    private static UrlConnectionHttpClient.Builder httpClient(S3AdapterConfig config) {
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder()
                .connectionTimeout(config.connectTimeout())
                .socketTimeout(config.readTimeout());
        config.proxy().ifPresent(proxy -> {
            ProxyConfiguration.Builder settings = ProxyConfiguration.builder()
                    .endpoint(proxy.endpoint())
                    // The configured proxy is the one used: not the JVM's or the environment's.
                    .useSystemPropertyValues(false)
                    .useEnvironmentVariablesValues(false);
            proxy.username().ifPresent(settings::username);
            proxy.password().ifPresent(settings::password);
            http.proxyConfiguration(settings.build());
        });
        return http;
    }

    /** Where requests go, for messages. */
    static String describe(S3AdapterConfig config) {
        return config.endpoint()
                        .map(Object::toString)
                        .orElse("AWS S3 in " + region(config).id())
                + config.proxy()
                        .map(proxy -> " through the proxy " + proxy.endpoint())
                        .orElse("");
    }

    private static Region region(S3AdapterConfig config) {
        if (config.region().isPresent()) {
            return Region.of(config.region().get());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return HERON_DEFAULT_REGION;
        }
    }

    private static AwsCredentialsProvider credentials(S3AdapterConfig.Credentials credentials) {
        // Java 17 has no pattern switch; the interface is sealed, so these three are all there is.
        if (credentials instanceof S3AdapterConfig.StaticKeys keys) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()));
        }
        if (credentials instanceof S3AdapterConfig.Profile profile) {
            return ProfileCredentialsProvider.create(profile.name());
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
