package io.github.gadn.tensorflow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** The TFRecord framing of event files, checked by an independent reader and known answers. */
class EventFileWriterTest {
  private static final double WALL_TIME = 1_700_000_000.25;

  /**
   * Known answer, by hand. CRC-32C of the ASCII bytes "123456789" is 0xE3069283 (the published
   * check value of CRC-32C, the Castagnoli CRC of iSCSI). Masking:
   *
   * <pre>
   *   0xE3069283 >>> 15            = 0x0001C60D   (its top 17 bits)
   *   0xE3069283 &lt;&lt;  17 (32 bits) = 0x25060000   (its low 15 bits, 0x1283, moved up)
   *   OR                           = 0x2507C60D
   *   + 0xA282EAD8 (mod 2^32)      = 0xC78AB0E5
   * </pre>
   *
   * Likewise for the iSCSI test vectors of RFC 3720, B.4: 32 zero bytes have CRC 0x8A9136AA,
   * rotated 0x6D551522, masked 0x0FD7FFFA; 32 bytes 0xFF have CRC 0x62A8AB43, rotated 0x5686C551,
   * masked 0xF909B029.
   */
  @Test
  void maskedCrcMatchesHandComputedValues() {
    byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(EventFileWriter.mask(0xE3069283)).isEqualTo(0xC78AB0E5);
    assertThat(EventFileWriter.maskedCrc(digits, 0, digits.length)).isEqualTo(0xC78AB0E5);
    byte[] zeros = new byte[32];
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 0xFF);
    assertThat(EventFileWriter.maskedCrc(zeros, 0, 32)).isEqualTo(0x0FD7FFFA);
    assertThat(EventFileWriter.maskedCrc(ones, 0, 32)).isEqualTo(0xF909B029);
    // The offset and length select the bytes checksummed.
    byte[] padded = ("xx" + "123456789" + "yy").getBytes(StandardCharsets.US_ASCII);
    assertThat(EventFileWriter.maskedCrc(padded, 2, 9)).isEqualTo(0xC78AB0E5);
  }

  @Test
  void aRecordIsLengthChecksumDataChecksumLittleEndian(@TempDir Path dir) throws Exception {
    Path file;
    try (EventFileWriter writer = EventFileWriter.create(dir, WALL_TIME, "host")) {
      file = writer.file();
      writer.writeRecord("123456789".getBytes(StandardCharsets.US_ASCII));
    }
    byte[] all = Files.readAllBytes(file);
    int versionRecord = EventFiles.records(all).get(0).length + 16;
    byte[] record = Arrays.copyOfRange(all, versionRecord, all.length);
    assertThat(record).hasSize(8 + 4 + 9 + 4);
    assertThat(Arrays.copyOfRange(record, 0, 8)).containsExactly(9, 0, 0, 0, 0, 0, 0, 0);
    int lengthCrc = EventFiles.masked(Arrays.copyOfRange(record, 0, 8));
    assertThat(Arrays.copyOfRange(record, 8, 12))
        .containsExactly(
            (byte) lengthCrc, (byte) (lengthCrc >> 8), (byte) (lengthCrc >> 16),
            (byte) (lengthCrc >> 24));
    assertThat(new String(record, 12, 9, StandardCharsets.US_ASCII)).isEqualTo("123456789");
    // 0xC78AB0E5 from the hand calculation above, least significant byte first.
    assertThat(Arrays.copyOfRange(record, 21, 25))
        .containsExactly((byte) 0xE5, (byte) 0xB0, (byte) 0x8A, (byte) 0xC7);
  }

  @Test
  void handMadeEventsReadBackAfterTheVersionEvent(@TempDir Path dir) throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    Event scalars =
        Event.newBuilder()
            .setWallTime(WALL_TIME + 1)
            .setStep(25)
            .setSummary(
                Summary.newBuilder()
                    .addValue(Summary.Value.newBuilder().setTag("rec").setSimpleValue(0.125f))
                    .addValue(Summary.Value.newBuilder().setTag("lr").setSimpleValue(1e-3f)))
            .build();
    Event image =
        Event.newBuilder()
            .setWallTime(WALL_TIME + 2)
            .setStep(50)
            .setSummary(
                Summary.newBuilder()
                    .addValue(
                        Summary.Value.newBuilder()
                            .setTag("samples")
                            .setImage(
                                Summary.Image.newBuilder()
                                    .setHeight(14)
                                    .setWidth(28)
                                    .setColorspace(3)
                                    .setEncodedImageString(ByteString.copyFrom(png)))))
            .build();
    Path file;
    try (EventFileWriter writer = EventFileWriter.create(dir.resolve("tb"), WALL_TIME, "my host/1")) {
      file = writer.file();
      writer.write(scalars);
      writer.write(image);
    }
    assertThat(file.getParent()).isEqualTo(dir.resolve("tb"));
    assertThat(file.getFileName().toString()).isEqualTo("events.out.tfevents.1700000000.my_host_1");
    List<Event> events = EventFiles.events(file);
    assertThat(events).hasSize(3);
    assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
    assertThat(events.get(0).getWallTime()).isEqualTo(WALL_TIME);
    assertThat(events.get(1)).isEqualTo(scalars);
    assertThat(events.get(2)).isEqualTo(image);
    Summary.Value rec = events.get(1).getSummary().getValue(0);
    assertThat(rec.getTag()).isEqualTo("rec");
    assertThat(rec.getSimpleValue()).isEqualTo(0.125f);
    assertThat(events.get(2).getSummary().getValue(0).getImage().getEncodedImageString().toByteArray())
        .isEqualTo(png);
  }

  @Test
  void everyCorruptedByteIsDetected(@TempDir Path dir) throws Exception {
    Path file;
    try (EventFileWriter writer = EventFileWriter.create(dir, WALL_TIME, "host")) {
      file = writer.file();
      writer.writeRecord("some event".getBytes(StandardCharsets.US_ASCII));
    }
    byte[] good = Files.readAllBytes(file);
    assertThat(EventFiles.records(good)).hasSize(2);
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x5A;
      int at = i;
      assertThatThrownBy(() -> EventFiles.records(bad)).as("byte %s changed", at)
          .isInstanceOf(IOException.class);
    }
    assertThatThrownBy(() -> EventFiles.records(Arrays.copyOf(good, good.length - 1)))
        .hasMessageContaining("truncated");
    byte[] dataByte = good.clone();
    dataByte[good.length - 6] ^= 1; // inside the last record's data
    assertThatThrownBy(() -> EventFiles.records(dataByte)).hasMessageContaining("bad data checksum");
    int last = good.length - (8 + 4 + 10 + 4);
    byte[] lengthByte = good.clone();
    lengthByte[last] ^= 1; // the last record's length
    assertThatThrownBy(() -> EventFiles.records(lengthByte))
        .hasMessageContaining("bad length checksum");
  }

  @Test
  void aSecondFileInTheSameSecondGetsANewNameThatSortsAfterTheFirst(@TempDir Path dir)
      throws Exception {
    Path first;
    Path second;
    Path third;
    try (EventFileWriter a = EventFileWriter.create(dir, WALL_TIME, "host")) {
      first = a.file();
    }
    try (EventFileWriter b = EventFileWriter.create(dir, WALL_TIME + 0.5, "host");
        EventFileWriter c = EventFileWriter.create(dir, WALL_TIME + 0.7, "host")) {
      second = b.file();
      third = c.file();
    }
    assertThat(first.getFileName().toString()).isEqualTo("events.out.tfevents.1700000000.host");
    assertThat(second.getFileName().toString()).isEqualTo("events.out.tfevents.1700000000.host.1");
    assertThat(third.getFileName().toString()).isEqualTo("events.out.tfevents.1700000000.host.2");
    assertThat(EventFiles.files(dir)).containsExactly(first, second, third);
    assertThat(EventFiles.events(first)).hasSize(1);
    assertThat(EventFiles.events(second).get(0).getWallTime()).isEqualTo(WALL_TIME + 0.5);
  }

  @Test
  void recordsReachTheFileAtFlushNotBefore(@TempDir Path dir) throws Exception {
    try (EventFileWriter writer = EventFileWriter.create(dir, WALL_TIME, "host")) {
      Path file = writer.file();
      assertThat(EventFiles.events(file)).hasSize(1); // the version event is flushed at once
      writer.write(Event.newBuilder().setStep(1).build());
      assertThat(EventFiles.events(file)).hasSize(1);
      writer.flush();
      assertThat(EventFiles.events(file)).hasSize(2);
      writer.write(Event.newBuilder().setStep(2).build());
      writer.close();
      assertThat(EventFiles.events(file)).extracting(Event::getStep).containsExactly(0L, 1L, 2L);
    }
  }
}
