package dev.livy.server.security;

/** What a resource method needs from the requesting user. Every resource method declares one. */
public enum AccessLevel {
    /** Any user the server lets in: reading the server's own information, listing, creating. */
    ANY_USER,
    /** Reading a session or batch: its owner, view-users, modify-users and superusers. */
    VIEW,
    /** Changing a session or batch (statements, cancel, completion, delete): its owner, modify-users, superusers. */
    MODIFY
}
