# Computes with R's psych package what `profscore analyze --format csv` reports,
# and compares every number.
#
#   Rscript check.R DIR OURS.csv LABEL
#
# DIR holds answers.csv and key.csv written by prepare.py. For every scale:
# the items are scored as keyed; the complete cases are kept (na.omit), as
# profscore does; items without variance among them are dropped (psych::alpha
# would drop them too, but then its `keys` no longer line up); then
#   - psych::alpha gives raw_alpha, std.alpha, average_r, the item means, SDs,
#     r.drop, and alpha.drop's raw_alpha. A scale keyed by value is given to
#     alpha as the raw option values with `keys` (-1 for reverse-keyed items), so
#     that psych reverses them itself (as max + min - x over the data; this is
#     profscore's min + max - value when the data use the format's lowest and
#     highest value, which is checked; otherwise the items are reversed here and
#     a note is printed);
#   - psych::scoreItems gives alpha and av.r again, checked against the same numbers;
#   - the scale score's mean and SD are psych::alpha's total (cumulative = TRUE
#     for sum scales) or, with dropped items, base R's rowSums / rowMeans;
#   - answer frequencies and missing counts are counted with table() over all
#     respondents.
# Every number in OURS.csv must have an R counterpart and the other way round;
# counts must be equal and other numbers within 1e-6. Exit status 1 otherwise.
suppressPackageStartupMessages(library(psych))

args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]; ours_path <- args[2]; label <- args[3]
tolerance <- 1e-6

answers <- read.csv(file.path(dir, "answers.csv"), colClasses = "character", check.names = FALSE,
                    na.strings = "", encoding = "UTF-8")
key <- read.csv(file.path(dir, "key.csv"), colClasses = "character", check.names = FALSE,
                na.strings = "", encoding = "UTF-8")
ours <- read.csv(ours_path, colClasses = "character", check.names = FALSE, na.strings = "", encoding = "UTF-8")

expected <- data.frame(scale = character(), item = character(), stat = character(), value = numeric(),
                       stringsAsFactors = FALSE)
put <- function(scale, item, stat, value) {
  # A later value replaces an earlier one of the same statistic.
  same <- expected$scale == scale & expected$stat == stat &
    ((is.na(item) & is.na(expected$item)) | (!is.na(item) & !is.na(expected$item) & expected$item == item))
  expected <<- expected[!same, ]
  expected[nrow(expected) + 1, ] <<- list(scale, item, stat, as.numeric(value))
}
notes <- character()

for (scale in unique(key$scale)) {
  k <- key[key$scale == scale, ]
  items <- unique(k$item)
  combine <- k$combine[1]
  keyed <- sapply(items, function(i) {
    ki <- k[k$item == i, ]
    as.numeric(ki$score[match(answers[[i]], ki$code)])
  })
  keyed <- matrix(keyed, ncol = length(items), dimnames = list(NULL, items))
  complete <- complete.cases(keyed)
  x <- keyed[complete, , drop = FALSE]
  n <- nrow(x)
  put(scale, NA, "n", n)
  # Frequencies and missing answers: every respondent.
  for (i in items) {
    codes <- unique(k$code[k$item == i])
    counts <- table(factor(answers[[i]], levels = codes))
    for (code in codes) put(scale, i, paste0("freq_", code), counts[[code]])
    put(scale, i, "missing", sum(is.na(answers[[i]])))
    put(scale, i, "n", n)
  }
  if (n == 0) next
  total <- if (combine == "mean") rowMeans(x) else rowSums(x)
  put(scale, NA, "mean", mean(total))
  for (i in items) put(scale, i, "mean", mean(x[, i]))
  if (n < 2) next
  put(scale, NA, "sd", sd(total))
  sds <- apply(x, 2, sd)
  for (i in items) put(scale, i, "sd", sds[[i]])
  varying <- items[sds > 0]
  by_value <- all(k$by_value == "1")
  reversed <- sapply(varying, function(i) k$reversed[k$item == i][1] == "1")
  forced <- FALSE
  # Forced choice: an item of this scale scores another scale by another option.
  for (i in items) {
    other <- key[key$item == i & key$scale != scale & as.numeric(key$score) != 0, ]
    mine <- k[k$item == i & as.numeric(k$score) != 0, ]
    if (nrow(other) > 0 && all(k$by_value[k$item == i] == "0") && length(setdiff(other$code, mine$code)) > 0) forced <- TRUE
  }
  if (forced || length(varying) < 2) next
  if (by_value) {
    values <- sapply(varying, function(i) {
      ki <- k[k$item == i, ]
      as.numeric(ki$value[match(answers[[i]][complete], ki$code)])
    })
    values <- matrix(values, ncol = length(varying), dimnames = list(NULL, varying))
    low <- as.numeric(k$low[1]); high <- as.numeric(k$high[1])
    if (min(values) == low && max(values) == high) {
      data <- values
      keys <- ifelse(reversed, -1, 1)
    } else {
      data <- x[, varying, drop = FALSE]
      keys <- rep(1, length(varying))
      notes <- c(notes, sprintf("%s: the data do not span %g..%g, so reversed here, not by psych", scale, low, high))
    }
  } else {
    data <- x[, varying, drop = FALSE]
    keys <- rep(1, length(varying))
  }
  a <- suppressWarnings(psych::alpha(data, keys = keys, cumulative = (combine != "mean"), warnings = FALSE))
  put(scale, NA, "alpha", a$total$raw_alpha)
  put(scale, NA, "alpha_std", a$total$std.alpha)
  put(scale, NA, "average_r", a$total$average_r)
  if (length(varying) == length(items)) {
    # psych's total replaces base R's (with dropped items psych adds them oddly).
    put(scale, NA, "mean", a$total$mean); put(scale, NA, "sd", a$total$sd)
  }
  for (j in seq_along(varying)) {
    i <- varying[j]
    # psych's item means are of the items it reversed; they replace the ones above.
    put(scale, i, "mean", a$item.stats$mean[j])
    put(scale, i, "sd", a$item.stats$sd[j])
    put(scale, i, "r_drop", a$item.stats$r.drop[j])
    if (length(varying) >= 3) put(scale, i, "alpha_if_dropped", a$alpha.drop$raw_alpha[j])
  }
  # scoreItems: alpha once more, from psych's other entry point. (Its av.r is
  # the average r that alpha implies, alpha / (k - alpha (k - 1)), not the mean
  # inter-item correlation that alpha's average_r and profscore report.)
  signed <- ifelse(keys < 0, paste0("-", varying), varying)
  s <- suppressWarnings(psych::scoreItems(list(scale = signed), data))
  put(scale, NA, "scoreItems_alpha", s$alpha[1, 1])
}

# Our numbers, long.
numeric_columns <- setdiff(names(ours), c("scale", "item", "reversed", "option", "flags"))
got <- data.frame(scale = character(), item = character(), stat = character(), value = numeric(),
                  stringsAsFactors = FALSE)
for (r in seq_len(nrow(ours))) {
  for (column in numeric_columns) {
    v <- ours[[column]][r]
    if (!is.na(v)) got[nrow(got) + 1, ] <- list(ours$scale[r], ours$item[r], column, as.numeric(v))
  }
}
# scoreItems' alpha is compared with our alpha.
extra <- expected[expected$stat == "scoreItems_alpha", ]
expected <- expected[expected$stat != "scoreItems_alpha", ]
keyOf <- function(d) paste(d$scale, ifelse(is.na(d$item), "", d$item), d$stat, sep = "\r")

failures <- character()
ours_by_key <- setNames(got$value, keyOf(got))
r_by_key <- setNames(expected$value, keyOf(expected))
for (name in setdiff(names(ours_by_key), names(r_by_key))) failures <- c(failures, paste("no R value for", gsub("\r", " ", name)))
for (name in setdiff(names(r_by_key), names(ours_by_key))) failures <- c(failures, paste("profscore gives no value for", gsub("\r", " ", name)))
common <- intersect(names(ours_by_key), names(r_by_key))
diff <- abs(ours_by_key[common] - r_by_key[common])
stats <- sapply(strsplit(common, "\r"), function(p) p[3])
for (name in common[diff > tolerance | is.na(diff)]) {
  failures <- c(failures, sprintf("%s: profscore %.10g, psych %.10g", gsub("\r", " ", name), ours_by_key[[name]], r_by_key[[name]]))
}
# scoreItems
for (r in seq_len(nrow(extra))) {
  target <- "alpha"
  name <- paste(extra$scale[r], "", target, sep = "\r")
  d <- abs(ours_by_key[[name]] - extra$value[r])
  diff <- c(diff, d); stats <- c(stats, paste0(target, " (scoreItems)"))
  if (is.na(d) || d > tolerance) failures <- c(failures, sprintf("%s %s: profscore %.10g, scoreItems %.10g", extra$scale[r], target, ours_by_key[[name]], extra$value[r]))
}

for (note in notes) cat(sprintf("check-analyze-against-psych: %s: note: %s\n", label, note))
by_stat <- tapply(diff, sub("^freq_.*", "freq_*", stats), max)
cat(sprintf("check-analyze-against-psych: %s: %d numbers compared; max |difference| by statistic:\n", label, length(diff)))
for (s in names(by_stat)) cat(sprintf("    %-26s %.3g\n", s, by_stat[[s]]))
cat(sprintf("RESULT\t%s\t%d\t%.6g\n", label, length(diff), max(diff)))
if (length(failures) > 0) {
  cat(sprintf("check-analyze-against-psych: %s: FAIL: %s\n", label, failures), sep = "")
  quit(status = 1)
}
