package io.selection.projections;

/**
 * Which vote patterns are flagged: more than {@code perIp} accepted votes from one network
 * address, or more than {@code perDevice} from one device, within one window of
 * {@code windowMinutes} (by castAt); and a voter refused for a daily limit {@code limitRefusals}
 * times or more in one day. Flags never refuse a vote (many people share one address behind a
 * carrier's NAT): an organiser looks, and may invalidate the set.
 */
public record SuspicionRules(int perIp, int perDevice, int windowMinutes, int limitRefusals) {

    public static final SuspicionRules DEFAULT = new SuspicionRules(50, 20, 10, 10);
}
