package org.csdlab.zns.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TimingProfileTest {

  @Test
  void tlcZnsHasTheDocumentedGeometry() {
    TimingProfile tlc = TimingProfile.tlcZns();
    assertEquals(8, tlc.channels());
    assertEquals(4, tlc.diesPerChannel());
    assertEquals(32, tlc.dies());
    assertEquals(16_384, tlc.stripeUnitBytes());
    assertEquals(ZoneMapping.STRIPED, tlc.mapping());
    assertEquals(60_000, tlc.readLatencyNanos());
    assertEquals(600_000, tlc.programLatencyNanos());
    assertEquals(450_000_000L, tlc.channelBandwidthBytesPerSecond());
    assertEquals(3_000_000_000L, tlc.linkBandwidthBytesPerSecond());
  }

  @Test
  void namedFindsEveryProfileIgnoringCase() {
    assertEquals(List.of("instant", "tlc-zns", "teaching"), TimingProfile.names());
    assertEquals(TimingProfile.instant(), TimingProfile.named("instant"));
    assertEquals(TimingProfile.tlcZns(), TimingProfile.named("TLC-ZNS"));
    assertEquals(TimingProfile.teaching(), TimingProfile.named(" teaching "));
  }

  @Test
  void unknownNameListsTheKnownNames() {
    var e = assertThrows(IllegalArgumentException.class, () -> TimingProfile.named("qlc"));
    assertEquals(
        "no timing profile named 'qlc'; known profiles: instant, tlc-zns, teaching",
        e.getMessage());
  }

  @Test
  void toStringIsOneShortLine() {
    assertEquals(
        "TimingProfile[tlc-zns: 8 ch × 4 dies, read 60 µs, program 600 µs, link 3.0 GB/s]",
        TimingProfile.tlcZns().toString());
    assertEquals(
        "TimingProfile[teaching: 2 ch × 2 dies, read 50 µs, program 500 µs, link 81.9 MB/s]",
        TimingProfile.teaching().toString());
    assertEquals("TimingProfile[instant: no delays]", TimingProfile.instant().toString());
    assertEquals(
        "TimingProfile[x: 1 ch × 1 die × 2 planes (one die per zone), read 1.5 ms, program 900 ns, "
            + "link unlimited]",
        TimingProfile.builder("x")
            .planesPerDie(2)
            .mapping(ZoneMapping.ONE_DIE_PER_ZONE)
            .readLatencyNanos(1_500_000)
            .programLatencyNanos(900)
            .build()
            .toString());
  }

  @Test
  void toBuilderRoundTrips() {
    TimingProfile tlc = TimingProfile.tlcZns();
    assertEquals(tlc, tlc.toBuilder().build());
    TimingProfile oneDie =
        tlc.toBuilder().name("tlc-one-die").mapping(ZoneMapping.ONE_DIE_PER_ZONE).build();
    assertEquals(ZoneMapping.ONE_DIE_PER_ZONE, oneDie.mapping());
    assertEquals(tlc.programLatencyNanos(), oneDie.programLatencyNanos());
  }

  @Test
  void transferTimesRoundUpToWholeNanoseconds() {
    TimingProfile tlc = TimingProfile.tlcZns();
    assertEquals(36_409, tlc.channelTransferNanos(16_384)); // 36_408.9 ns
    assertEquals(5_462, tlc.linkTransferNanos(16_384)); // 5_461.3 ns
    assertEquals(1_000_000_000, tlc.linkTransferNanos(3_000_000_000L));
    assertEquals(0, tlc.linkTransferNanos(0));
    assertEquals(0, TimingProfile.instant().channelTransferNanos(1L << 40));
  }

  @Test
  void transferTimesStayExactForHugeBandwidths() {
    long bandwidth = 400_000_000_000_000L; // rest × 10⁹ no longer fits in a long
    long bytes = bandwidth + bandwidth / 3;
    BigInteger[] qr =
        BigInteger.valueOf(bytes)
            .multiply(BigInteger.valueOf(1_000_000_000))
            .divideAndRemainder(BigInteger.valueOf(bandwidth));
    long expected = qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
    assertEquals(expected, TimingProfile.transferNanos(bytes, bandwidth));
  }

  @Test
  void refusesZeroChannels() {
    assertRefused(b -> b.channels(0), "timing profile 'bad': channels must be at least 1, was 0");
  }

  @Test
  void refusesZeroDiesPerChannel() {
    assertRefused(
        b -> b.diesPerChannel(0),
        "timing profile 'bad': dies per channel must be at least 1, was 0");
  }

  @Test
  void refusesZeroPlanes() {
    assertRefused(
        b -> b.planesPerDie(0), "timing profile 'bad': planes per die must be at least 1, was 0");
  }

  @Test
  void refusesTooManyDies() {
    assertRefused(
        b -> b.channels(1024).diesPerChannel(1024),
        "timing profile 'bad': channels × dies per channel must be at most 65536, was 1048576");
  }

  @Test
  void refusesMissingMapping() {
    assertRefused(
        b -> b.mapping(null),
        "timing profile 'bad': zone mapping must be set (STRIPED or ONE_DIE_PER_ZONE)");
  }

  @Test
  void refusesPageSizeThatIsNotAMultipleOf512() {
    assertRefused(
        b -> b.pageSizeBytes(1000),
        "timing profile 'bad': page size must be a positive multiple of 512 bytes, was 1000");
  }

  @Test
  void refusesNegativeLatencies() {
    assertRefused(
        b -> b.readLatencyNanos(-1),
        "timing profile 'bad': read latency must not be negative, was -1 ns");
    assertRefused(
        b -> b.programLatencyNanos(-2),
        "timing profile 'bad': program latency must not be negative, was -2 ns");
    assertRefused(
        b -> b.resetLatencyNanos(-3),
        "timing profile 'bad': reset latency must not be negative, was -3 ns");
  }

  @Test
  void refusesLatenciesOverAMinute() {
    assertRefused(
        b -> b.resetLatencyNanos(60_000_000_001L),
        "timing profile 'bad': reset latency must be at most 60000000000 ns (60 s), was 60000000001 ns");
  }

  @Test
  void refusesNegativeBandwidths() {
    assertRefused(
        b -> b.channelBandwidthBytesPerSecond(-1),
        "timing profile 'bad': channel bandwidth must not be negative (0 = unlimited), was -1");
    assertRefused(
        b -> b.linkBandwidthBytesPerSecond(-5),
        "timing profile 'bad': link bandwidth must not be negative (0 = unlimited), was -5");
  }

  @Test
  void refusesBlankName() {
    var e = assertThrows(IllegalArgumentException.class, () -> TimingProfile.builder(" ").build());
    assertEquals("timing profile: name must not be blank", e.getMessage());
  }

  @Test
  void noDelaysOnlyForTheInstantKind() {
    assertTrue(TimingProfile.instant().noDelays());
    assertTrue(!TimingProfile.teaching().noDelays());
    assertTrue(
        !TimingProfile.instant().toBuilder().linkBandwidthBytesPerSecond(1).build().noDelays());
  }

  private static void assertRefused(UnaryOperator<TimingProfile.Builder> change, String message) {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> change.apply(TimingProfile.tlcZns().toBuilder().name("bad")).build());
    assertEquals(message, e.getMessage());
  }
}
