package org.qsebms.bms.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.qsebms.config.ConfigException;

/**
 * The rule for a server of ours that listens on a network interface, the same as the embedded MQTT broker's:
 * on loopback anyone on this machine may read; beyond loopback only with credentials, or with an explicit
 * override that is logged loudly at every start.
 *
 * @param host     the interface as given
 * @param loopback true when every address it binds is a loopback address
 * @param warning  the loud warning to log for an anonymous server beyond loopback, or empty
 */
record ListenExposure(String host, boolean loopback, String warning) {

    /**
     * Decides whether a server may listen on {@code host}.
     *
     * @param what         the server, for messages ("dashboard")
     * @param hostKey      the key and flag that set the host, for messages
     * @param credentials  whether credentials are configured
     * @param allowAnonymousRemote the explicit override
     * @param howToSecure  the keys or flags that configure credentials, and the override's flag, for the fix
     * @throws ConfigException when it may not
     */
    static ListenExposure check(
            String what,
            String hostKey,
            String host,
            boolean credentials,
            boolean allowAnonymousRemote,
            String howToSecure) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigException(
                    hostKey,
                    "'" + host + "' is not an address or a known host name of this machine; "
                            + "give 127.0.0.1 (this machine only), an interface address, or 0.0.0.0 (every interface)");
        }
        if (address.isLoopbackAddress()) {
            return new ListenExposure(host, true, "");
        }
        if (credentials) {
            return new ListenExposure(host, false, "");
        }
        String where = address.isAnyLocalAddress() ? "every network interface" : "the network at " + host;
        if (!allowAnonymousRemote) {
            throw new ConfigException(
                    hostKey,
                    host + " would serve the " + what + " to " + where
                            + " without credentials; " + howToSecure
                            + ", or listen on 127.0.0.1 and reach it through an "
                            + "SSH tunnel");
        }
        return new ListenExposure(
                host,
                false,
                "WARNING: the " + what + " is served WITHOUT CREDENTIALS to " + where
                        + " because anonymous remote access was explicitly allowed; anyone who can reach this machine can "
                        + "read the pack's state");
    }
}
