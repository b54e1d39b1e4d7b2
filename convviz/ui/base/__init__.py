"""What every layer above uses: the application and settings services, the menus' ids, colours, fonts and icons."""
