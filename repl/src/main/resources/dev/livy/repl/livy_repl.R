# The R side of the driver's R interpreter (RInterpreter.java). Reads one request line at a time on stdin:
#   init          loads SparkR from LIVY_SPARKR_LIB and binds spark/sc to the driver's SparkSession through the
#                 RBackend the driver started (EXISTING_SPARKR_BACKEND_PORT, SPARKR_BACKEND_AUTH_SECRET)
#   execute <id>  runs the code in LIVY_R_SCRATCH/code.R as statement <id>
#   complete <n>  completes the word before character <n> of LIVY_R_SCRATCH/complete.R, as R's console does
# and answers each with one line "<LIVY_R_MARKER> <json>" on stdout. Lines without the marker are not replies
# (a child process may write to stdout directly). A statement's printed output, messages and warnings go to a
# file while it runs; a plot it draws goes to LIVY_R_SCRATCH/plot.png, which the driver reads and deletes.

marker <- Sys.getenv("LIVY_R_MARKER")
scratch <- Sys.getenv("LIVY_R_SCRATCH")
max_output <- as.numeric(Sys.getenv("LIVY_REPL_MAX_OUTPUT_SIZE", "10485760"))
code_file <- file.path(scratch, "code.R")
output_file <- file.path(scratch, "output.txt")
plot_file <- file.path(scratch, "plot.png")
spark_ready <- FALSE
replied <- FALSE

json_string <- function(text) {
  text <- paste(enc2utf8(as.character(text)), collapse = "")
  text <- gsub("\\", "\\\\", text, fixed = TRUE, useBytes = TRUE)
  text <- gsub("\"", "\\\"", text, fixed = TRUE, useBytes = TRUE)
  text <- gsub("\n", "\\n", text, fixed = TRUE, useBytes = TRUE)
  text <- gsub("\r", "\\r", text, fixed = TRUE, useBytes = TRUE)
  text <- gsub("\t", "\\t", text, fixed = TRUE, useBytes = TRUE)
  # Not [[:cntrl:]]: byte-wise, it also matches the continuation bytes 0x80-0x9f of UTF-8 characters.
  text <- gsub("[\001-\010\013\014\016-\037\177]", "", text, useBytes = TRUE)
  paste0("\"", text, "\"")
}

reply <- function(fields) {
  pairs <- vapply(names(fields), function(name) {
    value <- fields[[name]]
    encoded <- if (is.logical(value)) tolower(as.character(value))
      else if (inherits(value, "AsIs")) paste0("[", paste(vapply(value, json_string, ""), collapse = ","), "]")
      else json_string(value)
    paste0(json_string(name), ":", encoded)
  }, "")
  replied <<- TRUE
  cat(marker, " {", paste(pairs, collapse = ","), "}\n", sep = "")
  flush(stdout())
}

init <- function() {
  library(SparkR, lib.loc = Sys.getenv("LIVY_SPARKR_LIB"))
  # With EXISTING_SPARKR_BACKEND_PORT set, this connects to the driver's RBackend; on the JVM side it is
  # SparkContext.getOrCreate and SparkSession's getOrCreate, so both are the driver's own.
  spark <<- suppressWarnings(suppressMessages(sparkR.session()))
  sc <<- SparkR:::getSparkContext()
  spark_ready <<- TRUE
}

# An interrupt that came while SparkR waited for the backend leaves that answer unread on the connection, and every
# later call would read the answer before its own. A new connection starts clean; the JVM objects R holds are the
# backend's, not the connection's, so spark and every data frame stay valid.
reconnect <- function() {
  env <- SparkR:::.sparkREnv
  if (exists(".sparkRCon", envir = env)) try(close(get(".sparkRCon", envir = env)), silent = TRUE)
  SparkR:::connectBackend("localhost", as.integer(Sys.getenv("EXISTING_SPARKR_BACKEND_PORT")), timeout = 6000,
                          authSecret = Sys.getenv("SPARKR_BACKEND_AUTH_SECRET"))
}

# The backend closes a connection idle for spark.r.backendConnectionTimeout (100 minutes by default), as a
# notebook left open may be; the first call of a statement then finds it closed and opens a new one.
enter_job_group <- function(id) {
  join <- function() SparkR::setJobGroup(as.character(id), paste("Livy statement", id), TRUE)
  tryCatch(join(), error = function(e) {
    reconnect()
    join()
  })
}

read_output <- function() {
  if (!file.exists(output_file)) return("")
  size <- file.size(output_file)
  if (is.na(size) || size == 0) return("")
  readChar(output_file, min(size, max_output + 1), useBytes = TRUE)
}

evaluate <- function(code) {
  exprs <- parse(text = code, keep.source = FALSE)
  for (expr in exprs) {
    value <- withVisible(eval(expr, envir = .GlobalEnv))
    if (value$visible) print(value$value)
  }
}

execute <- function(id) {
  code <- paste(readLines(code_file, encoding = "UTF-8", warn = FALSE), collapse = "\n")
  unlink(c(output_file, plot_file))
  out <- file(output_file, open = "wt")
  sink(out)
  sink(out, type = "message")
  png(plot_file, type = "cairo", width = 640, height = 480)
  device <- dev.cur()
  if (spark_ready) enter_job_group(id)
  failure <- tryCatch({
    withCallingHandlers(evaluate(code), warning = function(w) {
      message("Warning message:\n", conditionMessage(w))
      invokeRestart("muffleWarning")
    })
    NULL
  }, error = function(e) {
    call <- conditionCall(e)
    # Errors of the statement's own top level are R's "Error: ...", not "Error in eval(...)".
    own <- is.null(call) || deparse(call[[1]])[1] %in% c("eval", "parse")
    where <- if (own) "Error: " else paste0("Error in ", paste(deparse(call), collapse = " "), " : ")
    list(ename = "Error", evalue = conditionMessage(e), line = paste0(where, conditionMessage(e)))
  }, interrupt = function(e) {
    list(ename = "Interrupt", evalue = "The statement was interrupted.", line = "Interrupted")
  })
  if (spark_ready && !is.null(failure) && failure$ename == "Interrupt") try(reconnect(), silent = TRUE)
  if (spark_ready) try(SparkR::clearJobGroup(), silent = TRUE)
  while (sink.number() > 0) sink()
  sink(type = "message")
  close(out)
  if (device %in% dev.list()) invisible(dev.off(device))
  text <- read_output()
  if (!is.null(failure)) {
    lines <- if (nzchar(text)) paste0(strsplit(text, "\n", fixed = TRUE)[[1]], "\n") else character(0)
    reply(list(status = "error", ename = failure$ename, evalue = failure$evalue,
               traceback = I(c(lines, paste0(failure$line, "\n")))))
    return(invisible())
  }
  fields <- list(status = "ok", text = sub("\n$", "", text))
  if (file.exists(plot_file)) fields$plot <- plot_file
  reply(fields)
}

# Where the request itself failed (outside the statement's own handlers): the next request must still be read.
fail <- function(ename, evalue) {
  while (sink.number() > 0) sink()
  if (spark_ready && ename == "Interrupt") try(reconnect(), silent = TRUE)
  if (sink.number(type = "message") != 2) sink(type = "message")
  reply(list(status = "error", ename = ename, evalue = evalue, traceback = I(paste0(ename, ": ", evalue, "\n"))))
}

complete <- function(cursor) {
  code <- paste(readLines(file.path(scratch, "complete.R"), encoding = "UTF-8", warn = FALSE), collapse = "\n")
  before <- substr(code, 1, cursor)
  lines <- strsplit(before, "\n", fixed = TRUE)[[1]]
  line <- if (length(lines) == 0 || endsWith(before, "\n")) "" else lines[length(lines)]
  utils:::.assignLinebuffer(line)
  utils:::.assignEnd(nchar(line))
  utils:::.guessTokenFromLine()
  utils:::.completeToken()
  reply(list(candidates = I(as.character(utils:::.retrieveCompletions()))))
}

input <- file("stdin", open = "r")
reply(list(op = "ready"))
repeat {
  line <- tryCatch(readLines(input, n = 1), interrupt = function(e) "")
  if (length(line) == 0) break
  words <- strsplit(line, " ", fixed = TRUE)[[1]]
  if (length(words) == 0) next
  replied <- FALSE
  tryCatch(
    if (words[1] == "init") {
      result <- tryCatch({ init(); NULL }, error = function(e) conditionMessage(e))
      if (is.null(result)) reply(list(ok = TRUE)) else reply(list(ok = FALSE, error = result))
    } else if (words[1] == "execute") {
      execute(as.integer(words[2]))
    } else if (words[1] == "complete") {
      complete(as.integer(words[2]))
    },
    # An interrupt meant for a statement that has just answered must not answer twice.
    interrupt = function(e) if (!replied) fail("Interrupt", "The statement was interrupted."),
    error = function(e) fail("Error", conditionMessage(e)))
}
