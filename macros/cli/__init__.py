"""The command line `mentor`: the top of the stages, free to call any of them."""
