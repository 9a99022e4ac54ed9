package chat.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Whether another local user could change what is in a folder under the client or the relay: the
 * one rule both apply to the folders they keep keys, pins and certificates in. Linux only (the
 * system says who this process is through {@code /proc/self}); elsewhere nothing is found.
 */
public final class FolderOwners {
  /** The mode bit that lets every user write to a file or folder. */
  private static final int OTHERS_WRITE = 0002;

  /** The mode bit that keeps users from removing or renaming each other's entries in a folder. */
  private static final int STICKY = 01000;

  private FolderOwners() {}

  /**
   * Why another user could change {@code folder}'s contents.
   *
   * @param folder the folder found: the one given (as a symbolic link leads), or one above it
   * @param itself whether it is the one given
   * @param why {@code belongs to another user (uid 1001)} or {@code may be written by every user}
   */
  public record Unsafe(Path folder, boolean itself, String why) {
    /** {@code it ...} for the folder itself, else the folder above it and why. */
    public String said() {
      return (itself ? "it" : folder.toString()) + " " + why;
    }
  }

  /**
   * Why another user could change what is in {@code dir}, if one could: the folder it really is (a
   * symbolic link followed), or a folder above it, belongs to another user (root aside), or may be
   * written by every user without the sticky bit that {@code /tmp} has. A folder a group may write
   * is left to that group. Empty where no one else could, where {@code dir} is missing, or where
   * the system does not say who this process is.
   */
  public static Optional<Unsafe> unsafe(Path dir) {
    OptionalInt me = processUid();
    if (me.isEmpty()) {
      return Optional.empty();
    }
    Path real;
    try {
      real = dir.toRealPath();
    } catch (IOException e) {
      return Optional.empty(); // missing: whatever creates or uses it says what is wrong
    }
    for (Path folder = real; folder != null; folder = folder.getParent()) {
      int owner;
      int mode;
      try {
        owner = (Integer) Files.getAttribute(folder, "unix:uid");
        mode = (Integer) Files.getAttribute(folder, "unix:mode");
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        return Optional.empty();
      }
      boolean itself = folder.equals(real);
      if (owner != me.getAsInt() && owner != 0) {
        return Optional.of(
            new Unsafe(folder, itself, "belongs to another user (uid " + owner + ")"));
      }
      if ((mode & OTHERS_WRITE) != 0 && (mode & STICKY) == 0) {
        return Optional.of(new Unsafe(folder, itself, "may be written by every user"));
      }
    }
    return Optional.empty();
  }

  /** The user id this process runs as, as Linux says it (the owner of /proc/self); else empty. */
  public static OptionalInt processUid() {
    try {
      return OptionalInt.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException
        | UnsupportedOperationException
        | IllegalArgumentException
        | SecurityException e) {
      return OptionalInt.empty();
    }
  }
}
