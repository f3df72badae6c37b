package dev.ferry.worker.cdc.apply;

import com.ibm.icu.text.Collator;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.util.ULocale;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reduces a string key value to a text that is equal for any two values the target column's
 * collation calls equal, so that their changes share a causality key (and a lane). Folding more
 * than the collation does only makes unrelated rows wait for each other; folding less lets two
 * changes of one target row commit in the wrong order.
 *
 * <ul>
 *   <li>Binary and {@code _bin} collations: the string itself, trailing spaces dropped (PAD SPACE
 *       collations ignore them).
 *   <li>Unicode collation algorithm collations without a language tailoring ({@code unicode},
 *       {@code unicode_520}, {@code 0900}, MariaDB's {@code uca1400}, at any accent or case
 *       sensitivity): the primary-strength collation key of ICU's root collator (accents, case,
 *       width and ignorable characters dropped, {@code ß}={@code ss}, {@code æ}={@code ae},
 *       ligatures expanded), after trailing spaces and ignorables are dropped. The older
 *       algorithm versions ({@code unicode_ci}: UCA 4.0.0) give every supplementary character
 *       one weight and treat letters with a stroke as accented base letters, so those are mapped
 *       first.
 *   <li>{@code general} collations: one weight per character, the upper case of its base letter
 *       ({@code ß}={@code s}), every supplementary character alike.
 *   <li>Any other collation (language tailorings, single-byte character sets): one text for
 *       every value, so the column does not split the table's changes at all.
 *   <li>No collation (not a character column): the value itself.
 * </ul>
 *
 * <p>ICU implements a newer version of the algorithm than the servers do; the property test
 * compares the folds against each server's own {@code =}.
 */
abstract class CollationFold {

  private static final String UNICODE_CHARSETS =
      "(utf8mb4|utf8mb3|utf8|ucs2|utf16|utf16le|utf32)";
  private static final Pattern GENERAL =
      Pattern.compile(UNICODE_CHARSETS + "_general_(nopad_)?ci");
  private static final Pattern UCA = Pattern.compile(UNICODE_CHARSETS
      + "_(unicode_(520_)?(nopad_)?ci|0900_(ai_ci|as_ci|as_cs)|uca1400_(nopad_)?(ai|as)_(ci|cs))");
  private static final Pattern STROKES = Pattern.compile("[øØđĐłŁħĦŧŦƀɨƶǥȼɇɉɍʉɏ]");
  private static final String STROKE_FROM = "øØđĐłŁħĦŧŦƀɨƶǥȼɇɉɍʉɏ";
  private static final String STROKE_TO = "ooddllhhttbizgcejruy";

  /** The fold for a column that is not a character column: values compare as they are. */
  static final CollationFold BINARY = new Binary();

  /** The fold for a character column whose collation is not known: every value alike. */
  static final CollationFold UNKNOWN = new Constant();

  private final boolean utf8;

  private CollationFold(boolean utf8) {
    this.utf8 = utf8;
  }

  /** Folds {@code value}; equal under the collation implies an equal result. */
  abstract String fold(String value);

  /**
   * The text the target reads from {@code bytes} (a value the reader left undecoded, written as
   * it is): UTF-8 for a UTF-8 column; null when it cannot be told (the fold is then every value
   * alike).
   */
  String text(byte[] bytes) {
    if (!utf8) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * The fold for a column of {@code collation}: {@link #BINARY} for null (not a character
   * column), {@link #UNKNOWN} for one not recognised.
   */
  static CollationFold of(String collation) {
    if (collation == null || collation.equalsIgnoreCase("binary")) {
      return BINARY;
    }
    String name = collation.toLowerCase(Locale.ROOT);
    boolean utf8 = name.startsWith("utf8");
    if (name.endsWith("_bin")) {
      return new Exact(utf8);
    }
    if (GENERAL.matcher(name).matches()) {
      return new General(utf8);
    }
    if (UCA.matcher(name).matches()) {
      return new Uca(utf8, name.contains("_unicode_") && !name.contains("_520_"));
    }
    return UNKNOWN;
  }

  /** Maps letters with a stroke or bar to their base letter. */
  static String stripStrokes(String value) {
    if (!STROKES.matcher(value).find()) {
      return value;
    }
    StringBuilder text = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      int stroke = STROKE_FROM.indexOf(c);
      text.append(stroke < 0 ? c : STROKE_TO.charAt(stroke));
    }
    return text.toString();
  }

  /** Replaces every supplementary character (and U+FFFD) by U+FFFD. */
  static String oneSupplementaryWeight(String value) {
    StringBuilder text = new StringBuilder(value.length());
    value.codePoints().forEach(c -> text.append(c > 0xFFFF ? '\uFFFD' : (char) c));
    return text.toString();
  }

  /** The value itself (bytes are compared as bytes, see {@link Values#causal}). */
  private static final class Binary extends CollationFold {
    Binary() {
      super(false);
    }

    @Override
    String fold(String value) {
      return value;
    }
  }

  /** Every value alike. */
  private static final class Constant extends CollationFold {
    Constant() {
      super(false);
    }

    @Override
    String fold(String value) {
      return "";
    }
  }

  /** The value itself, without trailing spaces. */
  private static final class Exact extends CollationFold {
    Exact(boolean utf8) {
      super(utf8);
    }

    @Override
    String fold(String value) {
      return value.stripTrailing();
    }
  }

  /** One weight per character: the upper case of its base letter. */
  private static final class General extends CollationFold {

    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();

    General(boolean utf8) {
      super(utf8);
    }

    @Override
    String fold(String value) {
      String text = oneSupplementaryWeight(stripStrokes(value)).stripTrailing();
      StringBuilder folded = new StringBuilder(text.length());
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        char base = c == 'ß' ? 's' : NFD.getDecomposition(c) == null ? c
            : NFD.getDecomposition(c).charAt(0);
        folded.append(Character.toLowerCase(Character.toUpperCase(base)));
      }
      return folded.toString();
    }
  }

  /** ICU's root collator at primary strength. */
  private static final class Uca extends CollationFold {

    private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
    private static final Collator PRIMARY = primary();
    private static final byte[] SPACE = PRIMARY.getCollationKey(" ").toByteArray();
    private static final byte[] NOTHING = PRIMARY.getCollationKey("").toByteArray();

    private final boolean old;

    Uca(boolean utf8, boolean old) {
      super(utf8);
      this.old = old;
    }

    private static Collator primary() {
      Collator collator = Collator.getInstance(ULocale.ROOT);
      collator.setStrength(Collator.PRIMARY);
      collator.setDecomposition(Collator.CANONICAL_DECOMPOSITION);
      return collator.freeze();
    }

    @Override
    String fold(String value) {
      String text = stripStrokes(value);
      if (old) {
        text = oneSupplementaryWeight(text);
      }
      text = NFC.normalize(text);
      byte[] key = PRIMARY.getCollationKey(withoutPadding(text)).toByteArray();
      return new String(key, StandardCharsets.ISO_8859_1);
    }

    /** Drops trailing characters that weigh like a space or nothing. */
    private static String withoutPadding(String text) {
      int end = text.length();
      while (end > 0) {
        int c = text.codePointBefore(end);
        byte[] key = PRIMARY.getCollationKey(new String(Character.toChars(c))).toByteArray();
        if (c != ' ' && !Arrays.equals(key, SPACE)
            && !Arrays.equals(key, NOTHING)) {
          break;
        }
        end -= Character.charCount(c);
      }
      return text.substring(0, end);
    }
  }
}
