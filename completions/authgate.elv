
set edit:completion:arg-completer[authgate] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) AUTHGATE_COMPLETE="elvish" authgate -- $@words) | to-lines
}

