"""The screens: home, run, finish, and the confirmations between them."""
