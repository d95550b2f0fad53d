package io.egret.adapters.hdfs.internal;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.security.AccessControlException;

/** Turns Hadoop client failures into one-line errors naming the location, the cause and what to do. */
final class HdfsFailures {
    private HdfsFailures() {}

    /**
     * @param action what was being done, with the path ("cannot upload the topology package to hdfs://…")
     * @param where the NameNode, for unreachable clusters
     */
    static EgretException translate(IOException failure, String action, String where) {
        String remoteClass = failure instanceof RemoteException remote ? remote.getClassName() : "";
        String message = firstLine(failure);
        if (remoteClass.endsWith("SafeModeException") || message.contains("safe mode")) {
            return new EgretException(
                    ErrorCode.UNREACHABLE,
                    action + ": the NameNode " + where + " is in safe mode and refuses writes; wait until it leaves"
                            + " safe mode (hdfs dfsadmin -safemode get) and submit again",
                    failure);
        }
        if (failure instanceof AccessControlException || remoteClass.endsWith("AccessControlException")) {
            return new EgretException(
                    ErrorCode.UNREACHABLE,
                    action + ": permission denied (" + message + "); check the directory's HDFS permissions and"
                            + " the user Hadoop acts as (HADOOP_USER_NAME, or the Kerberos ticket of kinit)",
                    failure);
        }
        if (failure instanceof FileNotFoundException || remoteClass.endsWith("FileNotFoundException")) {
            return new EgretException(ErrorCode.NOT_FOUND, action + ": nothing is stored there", failure);
        }
        Throwable root = rootCause(failure);
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return new EgretException(
                    ErrorCode.UNREACHABLE,
                    action + ": the NameNode " + where + " is unreachable (" + firstLine(root)
                            + "); is HDFS running, and do the URI and fs.defaultFS name its NameNode?",
                    failure);
        }
        if (root instanceof UnknownHostException) {
            return new EgretException(
                    ErrorCode.UNREACHABLE,
                    action + ": unknown NameNode host " + root.getMessage() + "; check the URI and fs.defaultFS",
                    failure);
        }
        if (root instanceof SocketTimeoutException) {
            return new EgretException(
                    ErrorCode.UNREACHABLE, action + ": the NameNode " + where + " did not answer in time", failure);
        }
        return new EgretException(ErrorCode.UNREACHABLE, action + ": " + message, failure);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current.getCause() != current) {
            if (current instanceof ConnectException || current instanceof UnknownHostException) {
                return current;
            }
            current = current.getCause();
        }
        return current;
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
