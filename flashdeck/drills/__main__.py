from flashdeck.drills.cli import main

main()
