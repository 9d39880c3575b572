package io.mtls.boot.test.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Ports on the loopback address for tests that start real programs (nginx, OCSP
 * responders, packaged jars): one that is free, and whether one listens yet.
 */
public final class LoopbackPorts {

	private LoopbackPorts() {
	}

	/**
	 * Returns a loopback port nothing listens on at the moment of the call.
	 * @return the port
	 */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns whether something accepts connections on {@code 127.0.0.1} at this port.
	 * @param port the port
	 * @return whether a connection succeeded within 200 ms
	 */
	public static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
