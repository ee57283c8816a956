complete --keep-order --exclusive --command authgate --arguments "(AUTHGATE_COMPLETE=fish authgate -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
