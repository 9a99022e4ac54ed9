package chat.cli.client.internal;

import chat.cli.CommandException;
import chat.cli.FileIo;
import chat.cli.PrivateFiles;
import chat.cli.client.ClientOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The relay certificates this profile trusts, pinned on first use like SSH's {@code known_hosts}:
 * one line {@code host:port SHA-256-of-the-DER-certificate} each, the fingerprint as 64 hex digits
 * in either case, with or without colons between bytes (as the relay prints it), so that a user can
 * pin a relay before the first connection. A relay that shows another certificate than the pinned
 * one is refused, naming both fingerprints. A line that is not a pin is refused too, naming it: it
 * may be a pin mistyped, and taking the relay's word in its place would undo what it was for.
 */
public final class ServerPins {
  private final Path file;
  private final boolean pinsFirstUse;

  /** Pins kept in {@code file}. */
  public ServerPins(Path file) {
    this(file, true);
  }

  private ServerPins(Path file, boolean pinsFirstUse) {
    this.file = file;
    this.pinsFirstUse = pinsFirstUse;
  }

  /**
   * The pins in {@code file}, never written: a relay with no pin yet is passed without one being
   * made. For a connection that sends nothing secret and may come to nothing (a name check before a
   * registration); the registration pins it.
   */
  static ServerPins readOnly(Path file) {
    return new ServerPins(file, false);
  }

  /**
   * The pinned fingerprint of the relay named {@code key}, {@code host:port} as {@link
   * ClientOptions#serverKey} writes it, if any.
   */
  synchronized Optional<String> pinned(String key) {
    return Optional.ofNullable(read().get(key.toLowerCase(Locale.ROOT))).map(Pin::fingerprint);
  }

  /** The pinned fingerprint of the relay at {@code host} and {@code port}, if any. */
  public synchronized Optional<String> pinned(String host, int port) {
    return Optional.ofNullable(read().get(key(host, port))).map(Pin::fingerprint);
  }

  /**
   * Accepts {@code fingerprint} for the relay at {@code host} and {@code port}: pins it if the
   * relay is new, passes if it matches the pin.
   *
   * @return true if it was pinned just now (first use; never when {@link #readOnly})
   * @throws CommandException.Network if another certificate is pinned for the relay
   */
  public synchronized boolean check(String host, int port, String fingerprint) {
    String key = key(host, port);
    String server = ClientOptions.address(host, port);
    Map<String, Pin> pins = read();
    Pin pin = pins.get(key);
    if (pin == null) {
      if (!pinsFirstUse) {
        return false;
      }
      pins.put(key, new Pin(fingerprint, 0));
      write(pins);
      return true;
    }
    String known = pin.fingerprint();
    if (!MessageDigest.isEqual(
        known.getBytes(StandardCharsets.US_ASCII),
        fingerprint.getBytes(StandardCharsets.US_ASCII))) {
      throw new CommandException.Network(
          "THE RELAY CERTIFICATE OF "
              + server
              + " HAS CHANGED. Someone may be intercepting the connection. Pinned: "
              + Fingerprints.colons(known)
              + "; presented: "
              + Fingerprints.colons(fingerprint)
              + ". If you wrote the line for "
              + key
              + " (line "
              + pin.line()
              + ") in "
              + file
              + " by hand, check it against the fingerprint the operator gave you; if the operator"
              + " confirms the presented one, remove that line and connect again.",
          new CertificateException("relay certificate differs from the pin"));
    }
    return false;
  }

  /**
   * How a line names the relay: {@code host:port} in lower case, an IPv6 address without brackets
   * (see {@link ClientOptions#serverKey}).
   */
  private static String key(String host, int port) {
    return (host + ":" + port).toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code failure} is a refused certificate change (thrown by {@link #check}), which no
   * retry can fix.
   */
  public static boolean isCertificateChange(RuntimeException failure) {
    return failure instanceof CommandException.Network network && network.certificateChanged();
  }

  /** A pinned certificate's fingerprint, and the line of the file that pins it (0 if new). */
  private record Pin(String fingerprint, int line) {}

  private Map<String, Pin> read() {
    Map<String, Pin> pins = new LinkedHashMap<>();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return pins;
    } catch (IOException e) {
      throw new CommandException.FileAccess("cannot read " + file + ": " + FileIo.reason(e), e);
    }
    String[] lines = text.split("\n");
    for (int number = 1; number <= lines.length; number++) {
      String trimmed = lines[number - 1].strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] parts = trimmed.split("\\s+");
      if (parts.length != 2
          || !parts[1].matches("[0-9A-Fa-f]{64}|[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}")) {
        throw new CommandException.FileAccess(
            file
                + " line "
                + number
                + " is not a pinned relay: write it as HOST:PORT and the certificate's SHA-256,"
                + " 64 hex digits with or without colons (as chat-server prints it), or remove it",
            null);
      }
      // An IPv6 relay written as --server takes it ([::1]:7443) is the line this client writes.
      String relay = parts[0].replaceFirst("^\\[([^\\]]*)\\]:", "$1:").toLowerCase(Locale.ROOT);
      Pin pin = new Pin(parts[1].replace(":", "").toLowerCase(Locale.ROOT), number);
      Pin before = pins.putIfAbsent(relay, pin);
      if (before != null && !before.fingerprint().equals(pin.fingerprint())) {
        // Either may be the one meant: taking the later, or the earlier, would trust a guess.
        throw new CommandException.FileAccess(
            file
                + " lines "
                + before.line()
                + " and "
                + number
                + " pin two different certificates for "
                + relay
                + ": keep the line with the fingerprint the operator gave you and remove the other",
            null);
      }
    }
    return pins;
  }

  private void write(Map<String, Pin> pins) {
    StringBuilder out = new StringBuilder("# relay certificates pinned on first use\n");
    pins.forEach(
        (server, pin) -> out.append(server).append(' ').append(pin.fingerprint()).append('\n'));
    PrivateFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
  }
}
