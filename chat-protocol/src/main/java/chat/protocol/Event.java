package chat.protocol;

/** A frame the relay pushes unprompted to a logged-in client. */
public sealed interface Event extends Frame
    permits MessageEvent,
        MembershipEvent,
        PresenceEvent,
        KeyChangeEvent,
        FriendEvent,
        GroupEvent,
        DeletedEvent {}
