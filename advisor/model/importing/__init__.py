"""Reading the files a department carries in: rosters, Coursera exports, and the import log."""
