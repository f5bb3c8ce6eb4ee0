# Peer of profscore for Benchmarks/ProfScoreBenchmarks: scores an answer-sheet
# file the way an R user would — read.csv, then psych::scoreItems — and writes
# per class the number of sheets and the sum of every scale.
#
#   Rscript --vanilla psych.R klimov-ddo|onet-interest-profiler-60 SHEETS.csv OUT.csv
#
# klimov-ddo: Windows-1251, ';', columns id;класс;1;…;20, answers «а»/«б» or the
#   Latin a/b. Each of the 40 options becomes a 0/1 indicator column ("1a",
#   "1b", …); a type's score is the total of its 8 keyed options.
# onet-interest-profiler-60: UTF-8, ',', columns id,класс,1,…,60, codes 1–5,
#   scored 0–4; an area's score is the total of its 10 items.
# OUT: UTF-8 CSV with the columns class,n,<scale ids>. On standard output:
# read_seconds=… and score_seconds=… (reading; scoring and grouping), timed
# in the script, after R has started and loaded psych.
# Stops with an error on any answer outside the key (the generated data has none).
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3) stop("usage: psych.R klimov-ddo|onet-interest-profiler-60 SHEETS.csv OUT.csv")
instrument <- args[[1]]; path <- args[[2]]; out <- args[[3]]
suppressPackageStartupMessages(library(psych))

# The published keys (docs: /work/shared/reference/instrument-keys.md).
ddo_keys <- list(
  nature     = c("1a", "3b", "6a", "10a", "11a", "13b", "16a", "20a"),
  technology = c("1b", "4a", "7b", "9a", "11b", "14a", "17b", "19a"),
  people     = c("2a", "4b", "6b", "8a", "12a", "14b", "16b", "18a"),
  sign       = c("2b", "5a", "9b", "10b", "12b", "15a", "19b", "20b"),
  art        = c("3a", "5b", "7a", "8b", "13a", "15b", "17a", "18b"))
onet_keys <- list(
  realistic     = c(1, 2, 13, 14, 25, 26, 37, 38, 49, 50),
  investigative = c(3, 4, 15, 16, 27, 28, 39, 40, 51, 52),
  artistic      = c(5, 6, 17, 18, 29, 30, 41, 42, 53, 54),
  social        = c(7, 8, 19, 20, 31, 32, 43, 44, 55, 56),
  enterprising  = c(9, 10, 21, 22, 33, 34, 45, 46, 57, 58),
  conventional  = c(11, 12, 23, 24, 35, 36, 47, 48, 59, 60))

t0 <- proc.time()[["elapsed"]]
if (instrument == "klimov-ddo") {
  sheets <- read.csv(path, sep = ";", fileEncoding = "CP1251", colClasses = "character",
                     check.names = FALSE, na.strings = character(0))
  t1 <- proc.time()[["elapsed"]]
  options <- paste0(rep(1:20, each = 2), c("a", "b"))
  items <- matrix(0L, nrow = nrow(sheets), ncol = 40, dimnames = list(NULL, options))
  for (i in 1:20) {
    answer <- trimws(sheets[[as.character(i)]])
    a <- answer == "\u0430" | answer == "a"   # Cyrillic «а» or Latin a
    b <- answer == "\u0431" | answer == "b"   # Cyrillic «б» or Latin b
    if (!all(a | b)) stop(sprintf("item %d: unreadable answer «%s»", i, answer[!(a | b)][1]))
    items[, 2 * i - 1] <- as.integer(a)
    items[, 2 * i] <- as.integer(b)
  }
  keys <- ddo_keys
} else if (instrument == "onet-interest-profiler-60") {
  sheets <- read.csv(path, check.names = FALSE, fileEncoding = "UTF-8")
  t1 <- proc.time()[["elapsed"]]
  items <- as.matrix(sheets[, as.character(1:60)]) - 1L
  if (anyNA(items) || any(items < 0 | items > 4)) stop("an answer is not one of the codes 1-5")
  keys <- lapply(onet_keys, as.character)
} else {
  stop(paste("unknown instrument", instrument))
}
scored <- scoreItems(keys, items, totals = TRUE, impute = "none")
scores <- scored$scores
class <- sheets[[2]]
sums <- rowsum(scores, class)
n <- as.vector(table(class)[rownames(sums)])
t2 <- proc.time()[["elapsed"]]
result <- data.frame(class = rownames(sums), n = n, sums, check.names = FALSE)
write.csv(result, out, row.names = FALSE, fileEncoding = "UTF-8")
cat(sprintf("read_seconds=%.3f\nscore_seconds=%.3f\n", t1 - t0, t2 - t1))
