package chat.server.internal.storage;

import java.time.Clock;

/**
 * The {@code group_mutes} table (schema step 19): members of a group who may read it but not post
 * to it, by whom, since when, why and until when; see {@link TimedGroupRows}. A mute outlives the
 * membership: one who leaves and is invited back is still muted until it ends or is lifted.
 */
public final class GroupMuteRepository extends TimedGroupRows {
  /** Mutes that end by {@code clock}. */
  public GroupMuteRepository(Clock clock) {
    super(clock, "group_mutes", "muted_by", "muted_at");
  }
}
