package dev.ferry.kubectl;

import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * {@code kubectl_complete-ferry}, which kubectl (1.26 and later) runs to complete
 * {@code kubectl ferry ...}: it gets the words after {@code ferry}, the last being the one to
 * complete (empty after a space), and prints the candidates for it, one a line, then cobra's
 * directive line {@code :4} (no file names).
 */
public final class PluginCompletion {

  /** Cobra's ShellCompDirectiveNoFileComp: offer only the candidates, never file names. */
  static final String NO_FILES = ":4";

  private PluginCompletion() {}

  public static void main(String[] args) {
    candidates(args).forEach(System.out::println);
    System.out.println(NO_FILES);
  }

  /** The words that may stand in place of the last of {@code words}, beginning with it. */
  static List<String> candidates(String[] words) {
    String[] line = words.length == 0 ? new String[] {""} : words;
    int last = line.length - 1;
    String word = line[last];
    List<CharSequence> rests = new ArrayList<>();
    AutoComplete.complete(new CommandLine(new PluginCommand()).getCommandSpec(), line, last,
        word.length(), word.length(), rests);
    return rests.stream().map(rest -> word + rest).toList();
  }
}
