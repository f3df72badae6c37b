/**
 * {@code kubectl ferry}: a kubectl plugin that shows a MigrationTask on one screen and drives it
 * (cutover, suspend, resume, retry, worker logs) by editing what a GitOps user would edit (spec
 * fields), never the status, and saying what it edited.
 */
package dev.ferry.kubectl;
